import { beforeEach, describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.js';
import { decodeCatalogues } from './decode-catalogue.js';
import { lookupAnyHost, lookupHost } from './host-index.js';
import { lookupName } from './name-index.js';

/** A hand-written catalogue in the compiled format: `<service index><category letter><source letter><items>`. */
const catalogue: Catalogue = {
  format: 1,
  services: ['acme:ACME Corp', 'widget', 'tracker:T'],
  cookies: ['0ao_acme,_acme_*', '1pc_wdg', '12zz_bad', '9ao_missing', '0xo_badcategory', '0ax_badsource'],
  storage: ['1pcwdg_key'],
  urls: ['0aoacme.com,stats.acme.com/collect', '2dt/t.php', '1nccdn.widget.io/js'],
};

describe('decodeCatalogues', () => {
  // Decoded for each test, not once at collection: a mutation run changes the decoder while tests run.
  let index: ReturnType<typeof decodeCatalogues>;
  beforeEach(() => {
    index = decodeCatalogues([catalogue]);
  });

  it('decodes services: id and vendor, or the id capitalised as vendor', () => {
    expect(index.services.get('acme')).toEqual({ service: 'acme', vendor: 'ACME Corp', category: 'analytics', source: 'open-cookie-database' });
    expect(index.services.get('widget')).toEqual({ service: 'widget', vendor: 'Widget', category: 'personalisation', source: 'curated' });
    expect(index.services.get('tracker')).toEqual({ service: 'tracker', vendor: 'T', category: 'advertising', source: 'third-party-web' });
  });

  it('decodes a service’s display name: given after "|", the vendor for an empty one, none without "|"', () => {
    const named: Catalogue = { format: 1, services: ['acme:ACME Corp|Acme Analytics', 'widget|', 'tracker:T'], cookies: ['0ao_a', '1ao_w', '2ao_t'], storage: [], urls: [] };
    const services = decodeCatalogues([named]).services;
    expect(services.get('acme')).toEqual({ service: 'acme', vendor: 'ACME Corp', name: 'Acme Analytics', category: 'analytics', source: 'open-cookie-database' });
    expect(services.get('widget')).toMatchObject({ vendor: 'Widget', name: 'Widget' });
    expect(services.get('tracker')).not.toHaveProperty('name');
  });

  it('decodes cookie names, prefixes and storage keys per group', () => {
    expect(lookupName(index.cookies, '_acme')?.service).toBe('acme');
    expect(lookupName(index.cookies, '_acme_1')?.service).toBe('acme');
    expect(lookupName(index.cookies, '_wdg')).toMatchObject({ service: 'widget', category: 'personalisation', source: 'curated' });
    expect(lookupName(index.storage, 'wdg_key')?.service).toBe('widget');
    expect(lookupName(index.storage, '_acme')).toBeUndefined();
  });

  it('skips a group whose service, category or source is unknown', () => {
    for (const name of ['z_bad', '2zz_bad', '_missing', '_badcategory', '_badsource']) expect(lookupName(index.cookies, name)).toBeUndefined();
    expect(index.services.size).toBe(3);
  });

  it('decodes hosts, host + path, and any-host paths', () => {
    expect(lookupHost(index.urls, 'www.acme.com', '/x')?.service).toBe('acme');
    expect(lookupHost(index.urls, 'stats.acme.com', '/collect/v1')?.service).toBe('acme');
    expect(lookupHost(index.urls, 'cdn.widget.io', '/js/w.js')).toMatchObject({ service: 'widget', category: 'necessary' });
    expect(lookupHost(index.urls, 'cdn.widget.io', '/css')).toBeUndefined();
    expect(lookupAnyHost(index.urls, '/stats/t.php')?.service).toBe('tracker');
  });

  it('merges catalogues, the first one winning, and ignores another format', () => {
    const other: Catalogue = { format: 1, services: ['acme:Other'], cookies: ['0dc_acme,_other'], storage: [], urls: [] };
    const merged = decodeCatalogues([catalogue, other, { ...other, format: 2 } as unknown as Catalogue]);
    expect(lookupName(merged.cookies, '_acme')?.vendor).toBe('ACME Corp');
    expect(lookupName(merged.cookies, '_other')?.vendor).toBe('Other');
    expect(merged.services.get('acme')?.vendor).toBe('ACME Corp');
    expect(lookupName(decodeCatalogues([{ ...other, format: 2 } as unknown as Catalogue]).cookies, '_other')).toBeUndefined();
  });

  it('shares one frozen answer per group', () => {
    expect(lookupName(index.cookies, '_acme')).toBe(lookupName(index.cookies, '_acme_2'));
    expect(Object.isFrozen(lookupName(index.cookies, '_acme'))).toBe(true);
  });
});
