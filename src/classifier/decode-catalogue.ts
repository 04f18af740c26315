/**
 * Turns compiled catalogues (catalogue.ts) into lookup indexes. Runs once per
 * classifier; several catalogues merge into one index, the first one winning
 * for the same name or host (the core is given first).
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { BuiltInCategory } from '../store/consent-record.js';
import type { Classification, ClassificationSource } from './classification.js';
import { addUrlRule, createHostIndex, sortHostIndex, type HostIndex } from './host-index.js';
import { addName, createNameIndex, sortNameIndex, type NameIndex } from './name-index.js';

export interface CatalogueIndex {
  readonly cookies: NameIndex<Classification>;
  readonly storage: NameIndex<Classification>;
  readonly urls: HostIndex<Classification>;
  /** Every service by id, with the category of its first entry. */
  readonly services: Map<string, Classification>;
}

const CATEGORIES: Readonly<Record<string, BuiltInCategory>> = { n: 'necessary', a: 'analytics', d: 'advertising', p: 'personalisation' };
const SOURCES: Readonly<Record<string, ClassificationSource>> = { o: 'open-cookie-database', t: 'third-party-web', c: 'curated' };

export function decodeCatalogues(catalogues: readonly Catalogue[]): CatalogueIndex {
  const index: CatalogueIndex = { cookies: createNameIndex(), storage: createNameIndex(), urls: createHostIndex(), services: new Map() };
  for (const catalogue of catalogues) {
    if (catalogue.format !== 1) continue;
    const services = catalogue.services.map((entry) => {
      const [head = '', name] = entry.split('|');
      const colon = head.indexOf(':');
      const id = colon < 0 ? head : head.slice(0, colon);
      const vendor = colon < 0 ? id.charAt(0).toUpperCase() + id.slice(1) : head.slice(colon + 1);
      return { id, vendor, name: name === '' ? vendor : name };
    });
    const read = (groups: readonly string[], add: (item: string, value: Classification) => void) => {
      for (const group of groups) {
        const digits = /^\d+/.exec(group)?.[0] ?? '';
        const service = services[Number(digits)];
        const category = CATEGORIES[group.charAt(digits.length)];
        const source = SOURCES[group.charAt(digits.length + 1)];
        if (!service || !category || !source) continue;
        // One shared, frozen answer per group: classifying allocates nothing.
        const value = Object.freeze({ service: service.id, vendor: service.vendor, category, source, ...(service.name && { name: service.name }) });
        if (!index.services.has(service.id)) index.services.set(service.id, value);
        for (const item of group.slice(digits.length + 2).split(',')) add(item, value);
      }
    };
    read(catalogue.cookies, (item, value) => addName(index.cookies, item, value));
    read(catalogue.storage, (item, value) => addName(index.storage, item, value));
    read(catalogue.urls, (item, value) => {
      const slash = item.indexOf('/');
      addUrlRule(index.urls, slash < 0 ? item : item.slice(0, slash), slash < 0 ? '' : item.slice(slash), value);
    });
  }
  sortNameIndex(index.cookies);
  sortNameIndex(index.storage);
  sortHostIndex(index.urls);
  return index;
}
