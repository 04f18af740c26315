/** Thrown by `createConsent` for a bad config; `field` is the dotted path of the culprit. */
export class ConsentConfigError extends Error {
  readonly field: string;
  /** `got` replaces the description of `received` (e.g. what a throwing getter threw). */
  constructor(field: string, expected: string, received: unknown, got = describeValue(received)) {
    super(`nexus-consent: config.${field} must be ${expected}; got ${got}`);
    this.name = 'ConsentConfigError';
    this.field = field;
  }
}

/** What an error message says it got: short, and never the whole of a long string or object. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return `Date ${String(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
