import { describe, expect, it } from 'vitest';
import { parentDomains, parentPaths } from './withdraw.js';

describe('withdrawal candidates', () => {
  it('tries the host and each parent domain', () => {
    expect(parentDomains('www.shop.nexus-tech.fr')).toEqual(['www.shop.nexus-tech.fr', 'shop.nexus-tech.fr', 'nexus-tech.fr', 'fr']);
    expect(parentDomains('localhost')).toEqual(['localhost']);
    expect(parentDomains('127.0.0.1')).toEqual(['127.0.0.1']);
  });

  it('tries / and each parent path, with and without a trailing slash', () => {
    expect(parentPaths('/emplois/paris/dev')).toEqual(['/', '/emplois', '/emplois/', '/emplois/paris', '/emplois/paris/', '/emplois/paris/dev', '/emplois/paris/dev/']);
    expect(parentPaths('/')).toEqual(['/']);
  });
});
