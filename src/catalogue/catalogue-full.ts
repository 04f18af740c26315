/**
 * nexus-consent/catalogue-full — the rest of the tracker catalogue: every
 * service of the open data that the built-in core leaves out (about 1,500
 * more services, mostly ad-tech and less common analytics). The core is
 * always on; add this to make the full catalogue:
 *
 *   import { catalogueFull } from 'nexus-consent/catalogue-full';
 *   createConsent({ …, catalogues: [catalogueFull] });
 *   // or: createClassifier([coreCatalogue, catalogueFull], rules)
 *
 * It holds no core entries, so loading it costs only what it adds.
 */
import type { Catalogue } from './catalogue.js';
import { extraCatalogue } from './generated/extra-catalogue.js';

export const catalogueFull: Catalogue = extraCatalogue;
export type { Catalogue } from './catalogue.js';
