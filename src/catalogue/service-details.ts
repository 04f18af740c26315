/**
 * Details of catalogue services for the preference centre: the vendor's privacy
 * page and, per cookie, its purpose and lifetime. Kept apart from the catalogue
 * (which classifies) because only the preference centre needs them, and they
 * weigh more than the rules themselves.
 */
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

export function isServiceDetails(value: unknown): value is ServiceDetails {
  const v = value as Partial<ServiceDetails> | null;
  return typeof v === 'object' && v !== null && v.format === 1 && typeof v.language === 'string' && typeof v.services === 'object' && v.services !== null;
}
