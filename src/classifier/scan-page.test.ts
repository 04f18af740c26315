// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { coreCatalogue } from '../catalogue/generated/core-catalogue.js';
import { createClassifier } from './create-classifier.js';
import { scanPage, scanTable } from './scan-page.js';

const classifier = createClassifier([coreCatalogue], { cookies: [{ name: 'nx_prefs', category: 'personalisation', service: 'nexus-prefs' }] });

afterEach(() => {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
  localStorage.clear();
  sessionStorage.clear();
});

describe('scanPage', () => {
  it('lists cookies and storage keys with their classification or unknown', () => {
    document.cookie = '_ga=GA1.1.1.1; path=/';
    document.cookie = 'PHPSESSID=abc; path=/';
    document.cookie = 'session=1; path=/';
    document.cookie = 'nx_prefs=dark; path=/';
    localStorage.setItem('_hjRecordingEnabled', 'true');
    localStorage.setItem('theme', 'dark');
    sessionStorage.setItem('_hjSession_123', '"u1"');

    const scan = scanPage(window, classifier);
    expect(scan.map((e) => [e.kind, e.name, e.classification === 'unknown' ? 'unknown' : e.classification.service])).toEqual([
      ['cookie', 'PHPSESSID', 'php-session'],
      ['cookie', '_ga', 'google-analytics'],
      ['cookie', 'nx_prefs', 'nexus-prefs'],
      ['cookie', 'session', 'unknown'],
      ['localStorage', '_hjRecordingEnabled', 'hotjar'],
      ['localStorage', 'theme', 'unknown'],
      ['sessionStorage', '_hjSession_123', 'hotjar'],
    ]);
    expect(scan[1]).toEqual({ kind: 'cookie', name: '_ga', classification: { service: 'google-analytics', vendor: 'Google', category: 'analytics', source: 'curated' } });
  });

  it('survives storage and cookies that throw', () => {
    const hostile = {
      get document(): { cookie: string } {
        return {
          get cookie(): string {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        };
      },
      get localStorage(): Storage {
        throw new DOMException('Access is denied', 'SecurityError');
      },
      sessionStorage: {
        get length(): number {
          return 2;
        },
        key(): string {
          throw new Error('storage disabled');
        },
      } as unknown as Storage,
    };
    expect(scanPage(hostile, classifier)).toEqual([]);
    expect(scanPage({}, classifier)).toEqual([]);
  });

  it('deduplicates cookie names and keeps a nameless cookie', () => {
    const fake = { document: { cookie: '_fbp=fb.1; _fbp=fb.2; lonely; =x' } };
    expect(scanPage(fake, classifier).map((e) => e.name)).toEqual(['_fbp', 'lonely']);
  });

  it('formats a scan for console.table', () => {
    document.cookie = '_ga=1; path=/';
    document.cookie = 'cart=1; path=/';
    expect(scanTable(scanPage(window, classifier))).toEqual([
      { type: 'cookie', name: '_ga', service: 'google-analytics', vendor: 'Google', category: 'analytics', source: 'curated' },
      { type: 'cookie', name: 'cart', service: 'unknown' },
    ]);
  });
});
