/**
 * The edge between the page and the SDK: whatever the page passed as config is
 * read once, here, into plain data the SDK owns. Objects become null-prototype
 * objects (an id such as `constructor` or `__proto__` is then just a key), a
 * getter or a Proxy trap that throws becomes an error naming its field, and a
 * value the page swaps later (a text replaced by a DOM node) no longer reaches
 * the SDK.
 */
import { ConsentConfigError } from './config-error.js';

/** Deeper than any config the SDK reads: a cycle, or not config at all. */
const MAX_DEPTH = 12;

export type Plain = string | number | boolean | null | undefined | readonly Plain[] | PlainObject;
export interface PlainObject {
  readonly [key: string]: Plain;
}

export function copyPlain(input: unknown, field: string, depth = 0): Plain {
  if (input === null || input === undefined) return input;
  const type = typeof input;
  if (type === 'string' || type === 'number' || type === 'boolean') return input as Plain;
  if (type !== 'object') throw new ConsentConfigError(field, 'plain data (strings, numbers, booleans, arrays, objects)', input);
  if (depth > MAX_DEPTH) throw new ConsentConfigError(field, `plain data nested at most ${MAX_DEPTH} deep (is there a cycle?)`, input);
  let keys: readonly string[];
  let isArray: boolean;
  try {
    isArray = Array.isArray(input);
    keys = isArray ? [] : Object.keys(input as object);
  } catch (error) {
    throw unreadable(field, error);
  }
  if (isArray) {
    const length = read(input, 'length', field) as number;
    const out: Plain[] = [];
    for (let i = 0; i < length; i++) out.push(copyPlain(read(input, i, `${field}[${i}]`), `${field}[${i}]`, depth + 1));
    return out;
  }
  const out = Object.create(null) as Record<string, Plain>;
  for (const key of keys) {
    const at = field === '' ? key : `${field}.${key}`;
    out[key] = copyPlain(read(input, key, at), at, depth + 1);
  }
  return out;
}

function read(object: unknown, key: string | number, field: string): unknown {
  try {
    return (object as Record<string | number, unknown>)[key];
  } catch (error) {
    throw unreadable(field, error);
  }
}

function unreadable(field: string, error: unknown): ConsentConfigError {
  let reason: string;
  try {
    reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    reason = 'an unprintable error';
  }
  return new ConsentConfigError(field || '(root)', 'readable plain data', undefined, `an error when read (${reason.slice(0, 80)})`);
}
