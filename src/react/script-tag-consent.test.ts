// @vitest-environment jsdom
/**
 * <ConsentProvider> with no prop, under the script tag (Next.js's root layout loads
 * nexus-consent.min.js first in <head>): it adopts `window.NexusConsent` once mounted, hydrates
 * server HTML without a mismatch, and fails closed, with one console error, when the tag is missing.
 */
import { act, createElement as h, StrictMode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsent, type ConsentApi } from '../index.js';
import { ConsentGate, ConsentProvider, ManageCookiesButton, useConsent, useGranted } from './index.js';
import { readScriptTagConsent } from './script-tag-consent.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Seen as a page sees it before and after the script tag: anything may be there, or nothing.
const page = window as unknown as { NexusConsent?: unknown };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** An instance published as src/script-tag.ts publishes it: branded, with the queue's push. */
function publish(api: ConsentApi): ConsentApi {
  const global = { ...api, push: () => {} };
  Object.defineProperty(global, Symbol.for('nexus-consent.instance'), { value: true });
  page.NexusConsent = global;
  return global;
}

let instances: ConsentApi[] = [];
let root: Root | undefined;
let container: HTMLElement;
beforeEach(() => {
  for (const pair of document.cookie.split('; ')) if (pair) document.cookie = `${pair.split('=')[0]}=; path=/; max-age=0`;
  container = document.body.appendChild(document.createElement('div'));
});
afterEach(async () => {
  if (root) act(() => root!.unmount());
  root = undefined;
  await tick();
  for (const api of instances) api.destroy();
  instances = [];
  delete page.NexusConsent;
  document.body.replaceChildren();
  vi.restoreAllMocks();
});
const newInstance = () => {
  const api = createConsent({ privacyPolicyUrl: '/confidentialite', ui: false });
  instances.push(api);
  return api;
};

function Status() {
  return h('p', null, `${useConsent().status} analytics:${useGranted('analytics')}`);
}
const tree = () =>
  h(
    StrictMode,
    null,
    h(ConsentProvider, null, h(Status), h(ConsentGate, { category: 'analytics', fallback: h('span', null, 'en attente') }, h('i', null, 'mesure')), h(ManageCookiesButton)),
  );

describe('readScriptTagConsent', () => {
  it('takes only the instance the script tag branded', () => {
    expect(readScriptTagConsent(window)).toBeNull();
    page.NexusConsent = [() => {}]; // the pre-load queue, before the SDK loaded
    expect(readScriptTagConsent(window)).toBeNull();
    page.NexusConsent = { isGranted: () => true, get: () => ({ status: 'decided' }) }; // a stub
    expect(readScriptTagConsent(window)).toBeNull();
    Object.defineProperty(page, 'NexusConsent', { configurable: true, get: () => { throw new Error('hostile'); } });
    expect(readScriptTagConsent(window)).toBeNull();
    delete page.NexusConsent;
    const published = publish(newInstance());
    expect(readScriptTagConsent(window)).toBe(published);
  });
});

describe('<ConsentProvider> with no prop', () => {
  it('hydrates the server HTML without a mismatch, then follows the script tag’s instance', async () => {
    const api = publish(newInstance());
    api.acceptAll();
    const errors = vi.spyOn(console, 'error');
    container.innerHTML = renderToString(tree());
    expect(container.textContent).toBe('undecided analytics:falseen attenteGérer les cookies');
    const recoverable = vi.fn();
    await act(async () => {
      root = hydrateRoot(container, tree(), { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    expect(container.textContent).toBe('decided analytics:truemesureGérer les cookies');

    await act(async () => api.rejectAll());
    expect(container.textContent).toBe('decided analytics:falseen attenteGérer les cookies');
    const showPreferences = vi.spyOn(api, 'showPreferences');
    act(() => container.querySelector('button')!.click());
    expect(showPreferences).toHaveBeenCalledOnce();
  });

  it('without the script tag, grants nothing and says why in the console', async () => {
    page.NexusConsent = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    container.innerHTML = renderToString(tree());
    await act(async () => {
      root = hydrateRoot(container, tree());
    });
    expect(container.textContent).toBe('undecided analytics:falseen attenteGérer les cookies');
    expect(errors).toHaveBeenCalled();
    expect(String(errors.mock.calls[0]![0])).toMatch(/window\.NexusConsent.*nexus-consent\.min\.js first in <head>/);
    act(() => container.querySelector('button')!.click()); // no instance: does nothing, throws nothing
  });
});
