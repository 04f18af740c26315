import { describeValue } from '../config/config-error.js';

/** Thrown by the testing kit for bad input; `field` is the dotted path of the culprit (`choices.analytic`). */
export class TestingKitError extends TypeError {
  readonly field: string;
  constructor(helper: string, field: string, expected: string, received: unknown) {
    super(`nexus-consent/testing: ${helper}() ${field} must be ${expected}; got ${describeValue(received)}`);
    this.name = 'TestingKitError';
    this.field = field;
  }
}
