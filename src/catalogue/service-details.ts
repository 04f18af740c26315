/**
 * Details of catalogue services for the preference centre: the vendor's privacy
 * page and, per cookie, its purpose and lifetime. Kept apart from the catalogue
 * (which classifies) because only the preference centre needs them, and they
 * weigh more than the rules themselves.
 */
import { isHttpUrlOrPath } from '../config/check.js';
import { isInheritedName } from '../own-property.js';
import { SERVICE_ID } from '../store/consent-record.js';

export interface ServiceDetails {
  readonly format: 1;
  /** Language of the purposes and lifetimes (the Open Cookie Database publishes English). */
  readonly language: string;
  readonly services: Readonly<
    Record<
      string,
      {
        readonly policyUrl?: string;
        /** [name (a trailing `*` is a prefix), purpose, lifetime] */
        readonly cookies: readonly (readonly [name: string, purpose: string, lifetime: string])[];
      }
    >
  >;
}

/** The outline of a details file: enough to tell it from a URL in the config. */
export function isServiceDetails(value: unknown): value is ServiceDetails {
  const v = value as Partial<ServiceDetails> | null;
  return typeof v === 'object' && v !== null && v.format === 1 && typeof v.language === 'string' && typeof v.services === 'object' && v.services !== null;
}

type ServiceEntry = ServiceDetails['services'][string];
type CookieRow = ServiceEntry['cookies'][number];

/**
 * Details are data from outside (the config, or a fetched JSON file): checked
 * deeply and copied. A malformed service or cookie is skipped and reported,
 * so one bad row never takes the preference centre (and withdrawal) down; a
 * policy link that is not http(s) is dropped. Undefined when the whole is not
 * a details file.
 */
export function sanitizeServiceDetails(input: unknown, report: (problem: string) => void): ServiceDetails | undefined {
  if (!isServiceDetails(input) || !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(input.language)) {
    report('not a details file (format 1, language, services)');
    return undefined;
  }
  const services = Object.create(null) as Record<string, ServiceEntry>;
  for (const [id, entry] of Object.entries(input.services as Record<string, unknown>)) {
    if (!SERVICE_ID.test(id) || isInheritedName(id) || typeof entry !== 'object' || entry === null || !Array.isArray((entry as ServiceEntry).cookies)) {
      report(`services.${id.slice(0, 64)} skipped: not { policyUrl?, cookies: [] }`);
      continue;
    }
    const { policyUrl, cookies } = entry as { policyUrl?: unknown; cookies: readonly unknown[] };
    const rows = cookies.filter((row, i): row is CookieRow => {
      const valid = Array.isArray(row) && row.length === 3 && row.every((cell) => typeof cell === 'string') && row[0] !== '';
      if (!valid) report(`services.${id}.cookies[${i}] skipped: not [name, purpose, lifetime]`);
      return valid;
    });
    const safePolicy = isHttpUrlOrPath(policyUrl);
    if (policyUrl !== undefined && !safePolicy) report(`services.${id}.policyUrl dropped: not an http(s) URL`);
    services[id] = { ...(safePolicy ? { policyUrl } : {}), cookies: rows.map(([name, purpose, lifetime]) => [name, purpose, lifetime] as const) };
  }
  return { format: 1, language: input.language, services };
}
