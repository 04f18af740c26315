import type { Category } from '../store/consent-record.js';

/** Where the knowledge behind a classification comes from. */
export type ClassificationSource = 'open-cookie-database' | 'third-party-web' | 'curated' | 'site';

/** What the classifier knows about a cookie, storage key or URL. */
export interface Classification {
  /** Stable lowercase id, e.g. `google-analytics`. */
  readonly service: string;
  /** Company shown to visitors, e.g. `Google`. */
  readonly vendor: string;
  /** The service's name as visitors know it (`YouTube`), when its id in words would not say it. */
  readonly name?: string;
  readonly category: Category;
  readonly source: ClassificationSource;
}
