// @vitest-environment jsdom
/** Issue #17: what the typed API accepts is accepted at run time too (update() with necessary). */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentApi } from './api.js';
import { createConsent } from './create-consent.js';

let api: ConsentApi<string> | undefined;
afterEach(() => {
  api?.destroy();
  for (const pair of document.cookie.split('; ')) {
    const name = pair.split('=')[0];
    if (name) document.cookie = `${name}=; path=/; max-age=0`;
  }
});

describe('update() takes every category its type allows', () => {
  it("update({ necessary: true, newsletter: true }) compiles, and does not throw", () => {
    const typed = createConsent({ privacyPolicyUrl: '/confidentialite', ui: false, categories: { newsletter: { label: 'Newsletter' } } });
    api = typed as ConsentApi<string>;
    expect(() => typed.update({ necessary: true, newsletter: true })).not.toThrow();
    expect(typed.isGranted('newsletter')).toBe(true);
    expect(typed.isGranted('analytics')).toBe(false);
  });
});
