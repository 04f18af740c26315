import { describe, expect, it } from 'vitest';
import { ConsentConfigError } from '../config/config-error.js';
import { validateSiteRules } from './site-rules.js';

/**
 * The exact message for each way a site rule can be wrong: the message is
 * the integrator's only guide (it names the field and what was expected),
 * so it is pinned, not just the throw.
 */
const cases: [label: string, input: unknown, message: string, field?: string, categories?: string[]][] = [
  ["not an object", 'x', "nexus-consent: config.rules must be an object; got \"x\""],
  ["an array", [], "nexus-consent: config.rules must be an object; got an array"],
  ["an unknown key", { cookie: [] }, "nexus-consent: config.rules.cookie must be absent (not a known option; known: cookies, storage, urls); got an array"],
  ["cookies not an array", { cookies: {} }, "nexus-consent: config.rules.cookies must be an array; got an object"],
  ["storage not an array", { storage: 'x' }, "nexus-consent: config.rules.storage must be an array; got \"x\""],
  ["urls not an array", { urls: 1 }, "nexus-consent: config.rules.urls must be an array; got number 1"],
  ["a rule not an object", { cookies: [1] }, "nexus-consent: config.rules.cookies[0] must be an object; got number 1"],
  ["no name kind", { cookies: [{ category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0] must be one of name, prefix, pattern; got an object"],
  ["two name kinds", { cookies: [{ name: 'a', prefix: 'b', category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0] must be one of name, prefix, pattern; got \"name and prefix\""],
  ["an empty name", { cookies: [{ name: '', category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0].name must be a name (no spaces, \";\", \",\" or \"=\"); got \"\""],
  ["a name with a space", { storage: [{ prefix: 'a b', category: 'analytics' }] }, "nexus-consent: config.rules.storage[0].prefix must be a name (no spaces, \";\", \",\" or \"=\"); got \"a b\""],
  ["a name with ;", { cookies: [{ name: 'a;b', category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0].name must be a name (no spaces, \";\", \",\" or \"=\"); got \"a;b\""],
  ["a name with ,", { cookies: [{ name: 'a,b', category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0].name must be a name (no spaces, \";\", \",\" or \"=\"); got \"a,b\""],
  ["a name with =", { cookies: [{ name: 'a=b', category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0].name must be a name (no spaces, \";\", \",\" or \"=\"); got \"a=b\""],
  ["a long name", { cookies: [{ name: 'x'.repeat(257), category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0].name must be a name (no spaces, \";\", \",\" or \"=\"); got \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u2026\""],
  ["a non-string name", { cookies: [{ name: 5, category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0].name must be a name (no spaces, \";\", \",\" or \"=\"); got number 5"],
  ["a pattern without *", { cookies: [{ pattern: 'abc', category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0].pattern must be a name with \"*\"; got \"abc\""],
  ["an unknown rule key", { cookies: [{ name: 'a', category: 'analytics', foo: 1 }] }, "nexus-consent: config.rules.cookies[0].foo must be absent (not a known option; known: name, prefix, pattern, category, service, vendor, allow); got number 1"],
  ["allow not true", { cookies: [{ name: 'a', allow: false }] }, "nexus-consent: config.rules.cookies[0].allow must be true; got boolean false"],
  ["allow with a category", { cookies: [{ name: 'a', allow: true, category: 'analytics' }] }, "nexus-consent: config.rules.cookies[0].category must be absent with allow; got \"analytics\""],
  ["allow with a service", { urls: [{ host: 'a.fr', allow: true, service: 'x' }] }, "nexus-consent: config.rules.urls[0].service must be absent with allow; got \"x\""],
  ["allow with a vendor", { urls: [{ host: 'a.fr', allow: true, vendor: 'x' }] }, "nexus-consent: config.rules.urls[0].vendor must be absent with allow; got \"x\""],
  ["no category", { cookies: [{ name: 'a' }] }, "nexus-consent: config.rules.cookies[0].category must be a category id; got undefined"],
  ["a bad category", { cookies: [{ name: 'a', category: 'Analytics' }] }, "nexus-consent: config.rules.cookies[0].category must be a category id; got \"Analytics\""],
  ["an unknown category", { cookies: [{ name: 'a', category: 'social' }] }, "nexus-consent: config.rules.cookies[0].category must be one of necessary, analytics; got \"social\"", 'rules', ['necessary', 'analytics']],
  ["a bad service", { cookies: [{ name: 'a', category: 'analytics', service: 'Big Service' }] }, "nexus-consent: config.rules.cookies[0].service must be a lowercase id; got \"Big Service\""],
  ["an empty vendor", { cookies: [{ name: 'a', category: 'analytics', vendor: ' ' }] }, "nexus-consent: config.rules.cookies[0].vendor must be a non-empty string; got \" \""],
  ["a non-string vendor", { cookies: [{ name: 'a', category: 'analytics', vendor: 1 }] }, "nexus-consent: config.rules.cookies[0].vendor must be a non-empty string; got number 1"],
  ["a url rule with neither", { urls: [{ category: 'analytics' }] }, "nexus-consent: config.rules.urls[0] must be a host or a path; got an object"],
  ["a bad host", { urls: [{ host: 'http://x.fr', category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].host must be a host name; got \"http://x.fr\""],
  ["a non-string host", { urls: [{ host: 1, category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].host must be a host name; got number 1"],
  ["a long host", { urls: [{ host: `${'a'.repeat(251)}.fr`, category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].host must be a host name; got \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u2026\""],
  ["a path without /", { urls: [{ path: 'collect', category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].path must be a path starting with \"/\"; got \"collect\""],
  ["a path with ?", { urls: [{ path: '/collect?x', category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].path must be a path starting with \"/\"; got \"/collect?x\""],
  ["a path with #", { urls: [{ path: '/c#x', category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].path must be a path starting with \"/\"; got \"/c#x\""],
  ["a path with a space", { urls: [{ path: '/c x', category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].path must be a path starting with \"/\"; got \"/c x\""],
  ["a long path", { urls: [{ path: `/${'a'.repeat(512)}`, category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].path must be a path starting with \"/\"; got \"/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u2026\""],
  ["a non-string path", { urls: [{ host: 'a.fr', path: 5, category: 'analytics' }] }, "nexus-consent: config.rules.urls[0].path must be a path starting with \"/\"; got number 5"],
  ["an unknown url key", { urls: [{ host: 'a.fr', category: 'analytics', name: 'x' }] }, "nexus-consent: config.rules.urls[0].name must be absent (not a known option; known: host, path, category, service, vendor, allow); got \"x\""],
];

describe('site rules: what a wrong rule says', () => {
  it.each(cases)('%s', (_label, input, message, field, categories) => {
    let error: unknown;
    try {
      validateSiteRules(input, field, categories);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConsentConfigError);
    expect((error as Error).message).toBe(message);
  });

  it('accepts the limits: a 256-character name, a 253-character host, a 512-character path', () => {
    expect(() => validateSiteRules({ cookies: [{ name: 'x'.repeat(256), category: 'analytics' }] })).not.toThrow();
    expect(() => validateSiteRules({ urls: [{ host: `${'a'.repeat(250)}.fr`, category: 'analytics' }] })).not.toThrow();
    expect(() => validateSiteRules({ urls: [{ path: `/${'a'.repeat(511)}`, category: 'analytics' }] })).not.toThrow();
  });

  it('normalises hosts and paths: lowercase, no leading "*." or ".", no trailing "/"', () => {
    expect(validateSiteRules({ urls: [{ host: '*.Stats.Example.FR', path: '/Collect/', category: 'analytics' }] })).toEqual({
      urls: [{ host: 'stats.example.fr', path: '/collect', category: 'analytics' }],
    });
    expect(validateSiteRules({ urls: [{ host: '.cdn.example.fr', path: '/', allow: true }] })).toEqual({ urls: [{ host: 'cdn.example.fr', path: '/', allow: true }] });
    expect(validateSiteRules(undefined)).toEqual({});
    expect(Object.isFrozen(validateSiteRules({ cookies: [] }))).toBe(true);
  });
});
