/** Thrown by the testing kit for bad input; `field` is the dotted path of the culprit (`choices.analytic`). */
export class TestingKitError extends TypeError {
  readonly field: string;
  constructor(helper: string, field: string, expected: string, received: unknown) {
    super(`nexus-consent/testing: ${helper}() ${field} must be ${expected}; got ${describe(received)}`);
    this.name = 'TestingKitError';
    this.field = field;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return `Date ${String(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
