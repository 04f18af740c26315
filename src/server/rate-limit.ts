/**
 * Per-address token buckets: `perMinute` requests a minute on average, bursts
 * up to the same number. IPv6 senders are counted by /64 (one host usually
 * holds a whole /64 and could rotate through it). The table is bounded: past
 * `maxKeys`, buckets that refilled completely are forgotten first, then the
 * oldest, so a flood of addresses cannot grow the receiver's memory.
 */
export interface RateLimiter {
  /** `0` when the request may go on, else the seconds to wait. */
  take(address: string, now?: number): number;
  readonly size: number;
}

export function createRateLimiter(perMinute: number, maxKeys = 50_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = perMinute / 60_000;
  const prune = (now: number) => {
    for (const [key, b] of buckets) {
      if (b.tokens + (now - b.at) * rate >= perMinute) buckets.delete(key);
    }
    // Still full: the oldest first (a Map iterates in insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size <= maxKeys * 0.9) break;
      buckets.delete(key);
    }
  };
  return {
    get size() {
      return buckets.size;
    },
    take(address, now = Date.now()) {
      if (perMinute <= 0) return 0;
      const key = bucketKey(address);
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) prune(now);
        b = { tokens: perMinute, at: now };
        buckets.set(key, b);
      }
      b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * rate);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
    },
  };
}

/** An IPv6 address's /64, an IPv4 address as it is. */
function bucketKey(address: string): string {
  // An IPv4 visitor on a dual-stack socket shows as ::ffff:a.b.c.d: its own bucket, not the whole ::ffff:0:0/96's.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  return expandIpv6(address)?.slice(0, 4).join(':') ?? address;
}

/** Eight groups of an IPv6 address (an IPv4-mapped one too), or undefined. */
export function expandIpv6(address: string): string[] | undefined {
  let a = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const [p, q, r, s] = v4.slice(1).map(Number) as [number, number, number, number];
    a = a.slice(0, v4.index) + ((p << 8) | q).toString(16) + ':' + ((r << 8) | s).toString(16);
  }
  const halves = a.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<string>(Math.max(0, fill)).fill('0'), ...tail];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}

/**
 * The address as the receiver may keep it: IPv4 to its /24 (`203.0.113.0`),
 * IPv6 to its /48 (`2001:db8:1::`), an IPv4-mapped IPv6 address as IPv4.
 * CNIL, "Adresses IP": a truncated address no longer points at one subscriber.
 */
export function truncateIp(address: string): string | null {
  const mapped = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(address);
  if (mapped) return `${mapped[1]}.${mapped[2]}.${mapped[3]}.0`;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 3).join(':')}::` : null;
}
