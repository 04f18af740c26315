/**
 * What the visitor was shown, as one fingerprint: the SHA-256 of a canonical
 * JSON serialisation (object keys sorted, no spaces; JSON.stringify escapes
 * the same way everywhere), so the site can prove which texts a receipt
 * answers by hashing its published texts the same way (README "Consent log").
 */

/** JSON with object keys in code-point order at every level; `undefined` members are left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `sha256:<hex>` through crypto.subtle; where the page is not a secure
 * context (plain http) crypto.subtle is absent: `fnv1a64:<hex>` says so,
 * weaker but still a fingerprint of the same bytes.
 */
export async function textsHash(shown: unknown, subtle: SubtleCrypto | undefined): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(shown));
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
    return `sha256:${hex(digest)}`;
  }
  return `fnv1a64:${fnv1a64(bytes)}`;
}

/** FNV-1a, 64 bits, in two 32-bit halves (no BigInt needed); hex. */
export function fnv1a64(bytes: Uint8Array): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const b of bytes) {
    lo = (lo ^ b) >>> 0;
    // Multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3.
    const loMul = lo * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    const newHi = (hi * 0x1b3 + (lo << 8) + carry) >>> 0;
    lo = loMul >>> 0;
    hi = newHi;
  }
  return `${hi.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}`;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
