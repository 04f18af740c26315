/**
 * Small checks shared by every config validator; each throws a
 * ConsentConfigError naming the field and what was expected.
 */
import { ConsentConfigError } from './config-error.js';

/** A service id: lowercase, e.g. `google-analytics` (it travels in the consent cookie). */
export { SERVICE_ID } from '../store/consent-record.js';
/** A host name, lowercase, without a leading dot. */
export const HOST = /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*$/;

export function objectAt(input: unknown, field: string, expected = 'an object'): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ConsentConfigError(field, expected, input);
  return input as Record<string, unknown>;
}

export function arrayAt(input: unknown, field: string, expected = 'an array'): readonly unknown[] {
  if (!Array.isArray(input)) throw new ConsentConfigError(field, expected, input);
  return input;
}

/** Unknown keys are errors: a typo must not silently drop an option. `prefix` ends with a dot, or is empty. */
export function onlyKeys(object: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new ConsentConfigError(`${prefix}${key}`, `absent (not a known option; known: ${allowed.join(', ')})`, object[key]);
    }
  }
}

/** An integer from `min` to `max`; `fallback` when absent. */
export function integer(input: unknown, field: string, min: number, max: number, fallback: number): number {
  if (input === undefined) return fallback;
  if (typeof input !== 'number' || !Number.isInteger(input) || input < min || input > max) {
    throw new ConsentConfigError(field, `an integer from ${min} to ${max}`, input);
  }
  return input;
}

/** http(s) URLs and paths only: a `javascript:` or `data:` link from outside must never reach an `href`. */
export function isHttpUrlOrPath(input: unknown): input is string {
  if (typeof input !== 'string' || input.trim() === '') return false;
  try {
    const { protocol } = new URL(input, 'https://base.invalid/');
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
