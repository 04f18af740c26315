/**
 * The consent cookie's value: a versioned, compact, checksummed string.
 *
 *   2.<id>.<revision>.<givenAt>.<updatedAt>.<expiresAt>.<method>.<granted>.<denied>.<services>.<checksum>
 *
 * Dates are epoch seconds in base 36, lists are category names joined by `~`
 * (`necessary` is implicit), the method is one letter, services are the
 * per-service exceptions (`google-analytics~!hotjar`: allowed, `!` denied), and
 * the checksum is FNV-1a over everything before it. Version 1 (no services
 * field) is still read. Every character is a cookie-octet (RFC 6265
 * §4.1.1), so js-cookie stores it without percent-encoding.
 *
 * The checksum detects corruption, not forgery: any script of the page can
 * recompute it, so it is no tamper-proofing. It turns a truncated, mangled or
 * carelessly hand-edited cookie into "no decision yet" instead of a silent grant.
 */
import {
  CATEGORY_ID,
  GPC_CATEGORY,
  NECESSARY,
  SERVICE_ID,
  serviceChoices,
  type Category,
  type ConsentMethod,
  type ConsentRecord,
  type ServiceChoices,
} from './consent-record.js';

export const FORMAT_VERSION = '2';
/** No record may claim a validity beyond 13 months (CNIL, cookie lifetime). */
export const MAX_VALIDITY_MS = 397 * 24 * 3600 * 1000;

const METHOD_CODES: Readonly<Record<ConsentMethod, string>> = {
  'accept-all': 'a',
  'reject-all': 'r',
  custom: 'c',
  gpc: 'g',
};
const ID = /^[A-Za-z0-9_-]{21}$/;
const REVISION = /^[1-9][0-9]{0,8}$/;
const SECONDS = /^[0-9a-z]{1,9}$/;

export function encodeRecord(record: ConsentRecord): string {
  const body = [
    FORMAT_VERSION,
    record.id,
    String(record.revision),
    seconds(record.givenAt),
    seconds(record.updatedAt),
    seconds(record.expiresAt),
    METHOD_CODES[record.method],
    record.granted.filter((c) => c !== NECESSARY).join('~'),
    record.denied.join('~'),
    Object.entries(record.services)
      .map(([id, allowed]) => (allowed ? id : `!${id}`))
      .join('~'),
  ].join('.');
  return `${body}.${checksum(body)}`;
}

/** Returns the record, or undefined for anything that is not a well-formed v1 or v2 value. */
export function decodeRecord(value: string | undefined): ConsentRecord | undefined {
  if (typeof value !== 'string' || value.length > 4096) return undefined;
  const parts = value.split('.');
  // Version 1 had no services field: read it as an empty one.
  if (parts[0] === '1' && parts.length === 10) parts.splice(9, 0, '');
  else if (parts[0] !== FORMAT_VERSION || parts.length !== 11) return undefined;
  const [, id, rev, given, updated, expires, methodCode, grantedList, deniedList, serviceList, sum] = parts as [
    string, string, string, string, string, string, string, string, string, string, string,
  ];
  const signed = value.slice(0, value.lastIndexOf('.'));
  if (sum !== checksum(signed)) return undefined;
  if (!ID.test(id) || !REVISION.test(rev)) return undefined;
  if (!SECONDS.test(given) || !SECONDS.test(updated) || !SECONDS.test(expires)) return undefined;
  const givenAt = parseInt(given, 36) * 1000;
  const updatedAt = parseInt(updated, 36) * 1000;
  const expiresAt = parseInt(expires, 36) * 1000;
  if (!(givenAt <= updatedAt && updatedAt < expiresAt && expiresAt - updatedAt <= MAX_VALIDITY_MS)) {
    return undefined;
  }
  const method = (Object.keys(METHOD_CODES) as ConsentMethod[]).find((m) => METHOD_CODES[m] === methodCode);
  const granted = parseList(grantedList);
  const denied = parseList(deniedList);
  const services = parseServices(serviceList);
  if (!method || !granted || !denied || !services) return undefined;
  if (method !== 'custom' && Object.keys(services).length > 0) return undefined;
  if (granted.some((c) => denied.includes(c))) return undefined;
  if ((method === 'accept-all' && denied.length) || (method === 'reject-all' && granted.length)) {
    return undefined;
  }
  if (method === 'gpc' && (granted.includes(GPC_CATEGORY) || denied.some((c) => c !== GPC_CATEGORY))) return undefined;
  return Object.freeze({
    id,
    revision: Number(rev),
    givenAt,
    updatedAt,
    expiresAt,
    method,
    granted: Object.freeze([NECESSARY, ...granted]),
    denied: Object.freeze(denied),
    services,
  });
}

function parseServices(list: string): ServiceChoices | undefined {
  if (list === '') return serviceChoices([]);
  const entries = list.split('~').map((item): [string, boolean] => (item.startsWith('!') ? [item.slice(1), false] : [item, true]));
  if (!entries.every(([id]) => SERVICE_ID.test(id)) || new Set(entries.map(([id]) => id)).size !== entries.length) return undefined;
  return serviceChoices(entries);
}

function parseList(list: string): Category[] | undefined {
  if (list === '') return [];
  const items = list.split('~');
  const valid = items.every((c) => CATEGORY_ID.test(c) && c !== NECESSARY);
  return valid && new Set(items).size === items.length ? items : undefined;
}

function seconds(epochMs: number): string {
  return Math.floor(epochMs / 1000).toString(36);
}

/** 32-bit FNV-1a, base 36. */
export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
