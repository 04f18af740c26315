/**
 * The hosts `stubTrackers` answers: every host the tracker catalogues name
 * (the core and the full catalogue, plus any given), whole — a host the
 * catalogue knows by a path only (`google.com/pagead`) is a host a test
 * suite has no business reaching either. Path-only entries (`/matomo.php`)
 * name no host: they are the site's own server. Pure.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { decodeCatalogues } from '../classifier/decode-catalogue.js';

export interface TrackerHosts {
  /** The catalogue host `hostname` is, or is a sub-domain of; `undefined` for any other. */
  match(hostname: string): string | undefined;
  readonly size: number;
}

export function trackerHosts(catalogues: readonly Catalogue[], extra: readonly string[] = []): TrackerHosts {
  const hosts = new Set(decodeCatalogues(catalogues).urls.hosts.keys());
  for (const host of extra) hosts.add(host.toLowerCase().replace(/^\*?\./, ''));
  return {
    match(hostname) {
      // `a.b.example.com`, `b.example.com`, `example.com`; a lone label only as the whole host.
      let host = hostname.toLowerCase().replace(/\.$/, '');
      if (host.startsWith('[')) return undefined;
      for (;;) {
        if (hosts.has(host)) return host;
        const dot = host.indexOf('.');
        if (dot < 0 || host.indexOf('.', dot + 1) < 0) return undefined;
        host = host.slice(dot + 1);
      }
    },
    size: hosts.size,
  };
}
