import { describe, expect, it } from 'vitest';
import { serviceDetails } from './catalogue-details.js';
import { sanitizeServiceDetails } from './service-details.js';

describe('sanitizeServiceDetails', () => {
  it('accepts the shipped details file as is, with no problem reported', () => {
    const problems: string[] = [];
    const clean = sanitizeServiceDetails(JSON.parse(JSON.stringify(serviceDetails)), (p) => problems.push(p));
    expect(problems).toEqual([]);
    expect(clean).toEqual(JSON.parse(JSON.stringify(serviceDetails)));
  });

  it('skips malformed services and cookies, drops unsafe policy links, and says so', () => {
    const problems: string[] = [];
    const input = JSON.parse(`{"format": 1, "language": "en", "services": {
      "hotjar": {"policyUrl": "javascript:alert(1)", "cookies": [["_hjid", "Visitor id", "1 year"], "oops", 7, null, ["a", "b"]]},
      "youtube": {"policyUrl": "https://policies.google.com/privacy", "cookies": "oops"},
      "constructor": {"cookies": []},
      "Bad Id": {"cookies": []},
      "__proto__": {"cookies": [["x", "y", "z"]]}
    }}`) as unknown;
    const clean = sanitizeServiceDetails(input, (p) => problems.push(p))!;
    expect(Object.keys(clean.services)).toEqual(['hotjar']);
    expect(clean.services.hotjar).toEqual({ cookies: [['_hjid', 'Visitor id', '1 year']] });
    expect(Object.getPrototypeOf(clean.services)).toBeNull();
    expect(problems.join('\n')).toMatch(/hotjar\.policyUrl dropped/);
    expect(problems.join('\n')).toMatch(/hotjar\.cookies\[1\] skipped/);
    expect(problems.join('\n')).toMatch(/services\.youtube skipped/);
    expect(problems.join('\n')).toMatch(/services\.constructor skipped/);
    expect(problems.length).toBe(9);
  });

  it.each([null, 'x', { format: 2, language: 'en', services: {} }, { format: 1, language: '<b>', services: {} }])(
    'refuses %j as a whole',
    (input) => {
      const problems: string[] = [];
      expect(sanitizeServiceDetails(input, (p) => problems.push(p))).toBeUndefined();
      expect(problems).toHaveLength(1);
    },
  );
});
