/**
 * The `googleConsentMode` option: `true` for the defaults, or an object that
 * overrides the mapping, the wait or the regions' defaults.
 */
import { CONSENT_TYPES, DEFAULT_MAPPING, type ConsentType, type GoogleConsentModeOptions } from '../integrations/google-consent-mode.js';
import { NECESSARY } from '../store/consent-record.js';
import { arrayAt, integer, objectAt, onlyKeys } from './check.js';
import { ConsentConfigError } from './config-error.js';
import { ownValue } from '../own-property.js';

const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

export function googleConsentMode(input: unknown, categories: readonly string[]): GoogleConsentModeOptions | undefined {
  if (input === undefined || input === false) return undefined;
  const f = 'googleConsentMode';
  const given = input === true ? (Object.create(null) as Record<string, unknown>) : objectAt(input, f, 'true or an object');
  onlyKeys(given, ['mapping', 'waitForUpdate', 'regions'], `${f}.`);

  const mapping = Object.create(null) as Record<string, readonly ConsentType[]>;
  for (const category of categories) {
    const types = ownValue(DEFAULT_MAPPING, category);
    if (types) mapping[category] = types;
  }
  for (const [category, types] of Object.entries(given.mapping === undefined ? [] : objectAt(given.mapping, `${f}.mapping`))) {
    check(categories.includes(category) && category !== NECESSARY, `${f}.mapping.${category}`, 'keyed by a category that needs consent', category);
    mapping[category] = consentTypes(types, `${f}.mapping.${category}`);
  }

  const waitForUpdate = integer(given.waitForUpdate, `${f}.waitForUpdate`, 0, 10_000, 500);

  const regions = (given.regions === undefined ? [] : arrayAt(given.regions, `${f}.regions`)).map((r, i) => {
    const at = `${f}.regions[${i}]`;
    const entry = objectAt(r, at);
    onlyKeys(entry, ['region', 'granted'], `${at}.`);
    const codes = arrayAt(entry.region, `${at}.region`);
    check(codes.length > 0 && codes.every((c) => typeof c === 'string' && REGION.test(c)), `${at}.region`, 'ISO 3166 codes such as ["ES", "US-CA"]', codes);
    return { region: codes as string[], granted: consentTypes(entry.granted, `${at}.granted`) };
  });
  return { mapping, waitForUpdate, regions };
}

function consentTypes(input: unknown, field: string): ConsentType[] {
  const types = arrayAt(input, field);
  check(types.every((t) => CONSENT_TYPES.includes(t as ConsentType)), field, `consent types among ${CONSENT_TYPES.join(', ')}`, types);
  return types as ConsentType[];
}

function check(valid: boolean, field: string, expected: string, value: unknown): void {
  if (!valid) throw new ConsentConfigError(field, expected, value);
}
