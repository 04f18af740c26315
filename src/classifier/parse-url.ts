/**
 * The host and path of a request URL, as the classifier needs them: host
 * lowercase without port, user info or trailing dot; path lowercase without
 * query or fragment. Only network schemes (http, https, ws, wss) have a host
 * worth classifying; `data:`, `blob:`, `javascript:` and garbage give
 * `undefined`, never an exception.
 *
 * Plain absolute, protocol-relative and root-relative (`/path`) URLs — nearly
 * every request a page makes — are split by hand (no allocation of a URL
 * object); anything else (other relative URLs, IPv6, percent-encoded or
 * international hosts) goes through the WHATWG `URL` parser, which browsers use
 * themselves.
 */

export interface ParsedUrl {
  readonly host: string;
  readonly path: string;
}

/** http:, https:, ws:, wss: as a URL object's `protocol` gives them (lower case). */
export const NETWORK_PROTOCOL = /^(http|ws)s?:$/;

export function parseUrl(input: string, base?: string): ParsedUrl | undefined {
  if (typeof input !== 'string') return undefined;
  return parseFast(input) ?? parseRootRelative(input, base) ?? parseSlow(input, base);
}

/** `/path?query` against a plain absolute base: the base's host, the input's path. */
function parseRootRelative(url: string, base: string | undefined): ParsedUrl | undefined {
  if (base === undefined || url.charCodeAt(0) !== 47 || url.charCodeAt(1) === 47) return undefined;
  const page = parseFast(base);
  const path = page && scanPath(url, 0);
  return path ? { host: page.host, path } : undefined;
}

/**
 * One pass over a plain absolute URL. `undefined` whenever anything is
 * unusual — spaces or control characters, user info, IPv6, percent-encoded or
 * international hosts, backslashes, dot segments — and the slow path decides.
 */
function parseFast(url: string): ParsedUrl | undefined {
  const start = schemeLength(url);
  if (start === 0) return undefined;
  let end = start;
  let colon = -1;
  let upper = false;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    if (c === 58 /* : */ && colon < 0) colon = end;
    else if (colon >= 0 ? c < 48 || c > 57 : !isHostChar(c)) return undefined;
    else if (c >= 65 && c <= 90) upper = true;
  }
  let host = url.slice(start, colon < 0 ? end : colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return undefined;
  const path = scanPath(url, end);
  return path === undefined ? undefined : { host: upper ? host.toLowerCase() : host, path };
}

/** The lowercase path from `start` to the query or fragment, or undefined when it needs the full parser. */
function scanPath(url: string, start: number): string | undefined {
  let end = start;
  let upper = false;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    if (c === 63 /* ? */ || c === 35 /* # */) break;
    // Spaces, control characters, backslashes and dot segments need the full parser.
    if (c <= 32 || c === 92 || (c === 46 && url.charCodeAt(end - 1) === 47)) return undefined;
    if (c >= 65 && c <= 90) upper = true;
  }
  const path = end === start ? '/' : url.slice(start, end);
  return upper ? path.toLowerCase() : path;
}

/** a-z A-Z 0-9 . - _ */
function isHostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 95 || (c >= 65 && c <= 90);
}

/** Length of a leading `https://`, `http://`, `wss://`, `ws://` or `//` (any case), else 0. */
function schemeLength(url: string): number {
  if (url.charCodeAt(0) === 47) return url.charCodeAt(1) === 47 ? 2 : 0;
  let i = 0;
  const lower = (at: number) => url.charCodeAt(at) | 0x20;
  if (lower(0) === 104 /* h */ && lower(1) === 116 && lower(2) === 116 && lower(3) === 112) i = 4; // http
  else if (lower(0) === 119 /* w */ && lower(1) === 115) i = 2; // ws
  else return 0;
  if (lower(i) === 115 /* s */) i++;
  return url.charCodeAt(i) === 58 && url.charCodeAt(i + 1) === 47 && url.charCodeAt(i + 2) === 47 ? i + 3 : 0;
}

function parseSlow(url: string, base: string | undefined): ParsedUrl | undefined {
  try {
    const trimmed = url.trim();
    const parsed = trimmed.startsWith('//') && base === undefined ? new URL(`https:${trimmed}`) : new URL(trimmed, base);
    if (!NETWORK_PROTOCOL.test(parsed.protocol) || parsed.hostname === '') return undefined;
    let host = parsed.hostname.toLowerCase();
    if (host.endsWith('.')) host = host.slice(0, -1);
    return { host, path: parsed.pathname.toLowerCase() };
  } catch {
    return undefined;
  }
}
