// @vitest-environment jsdom
/**
 * nexus-consent/react in a browser-like DOM, over real instances (createConsent, no UI):
 * state through useSyncExternalStore, StrictMode's double effects, unsubscribing on unmount,
 * the gate and its fallback's allow(), the "Gérer les cookies" button, and hydration.
 */
import { act, Activity, createElement as h, StrictMode, type ReactNode } from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentApi, ConsentConfig, ConsentState } from '../index.js';

// Counts the instances the provider creates and destroys; everything else is the real entry.
const created: ConsentApi[] = [];
const destroyed: ConsentApi[] = [];
vi.mock('../index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../index.js')>();
  return {
    ...real,
    createConsent: (config: ConsentConfig) => {
      const api = real.createConsent(config);
      const destroy = api.destroy;
      api.destroy = () => {
        destroyed.push(api);
        destroy();
      };
      created.push(api);
      return api;
    },
  };
});
const { createConsent } = await import('../index.js');
const { ConsentGate, ConsentProvider, ManageCookiesButton, useConsent, useConsentApi, useGranted } = await import('./index.js');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const config: ConsentConfig = {
  privacyPolicyUrl: '/confidentialite',
  ui: false,
  categories: { personalisation: { services: [{ id: 'youtube', name: 'YouTube' }] } },
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

let container: HTMLElement;
let root: Root | undefined;
let errors: ReturnType<typeof vi.spyOn>;

function clearCookies() {
  for (const pair of document.cookie.split('; ')) {
    const name = pair.split('=')[0];
    if (name) document.cookie = `${name}=; path=/; max-age=0`;
  }
}

beforeEach(() => {
  clearCookies();
  created.length = 0;
  destroyed.length = 0;
  container = document.body.appendChild(document.createElement('div'));
  errors = vi.spyOn(console, 'error');
});
afterEach(async () => {
  if (root) act(() => root!.unmount());
  root = undefined;
  await tick();
  for (const api of created) if (!destroyed.includes(api)) api.destroy();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

function render(node: ReactNode) {
  root = createRoot(container);
  act(() => root!.render(node));
}

/** Shows what the hooks return, and counts its renders. */
let renders = 0;
function Status(): ReactNode {
  renders++;
  const state = useConsent();
  const analytics = useGranted('analytics');
  const youtube = useGranted({ service: 'youtube' });
  return h('p', { id: 'status' }, `${state.status} analytics:${analytics} youtube:${youtube}`);
}
const status = () => container.querySelector('#status')?.textContent;

describe('instance stability (what useSyncExternalStore relies on)', () => {
  it('get() returns the same object until a change, then a new one that is stable again', () => {
    const api = createConsent(config);
    created.push(api);
    const first = api.get();
    expect(api.get()).toBe(first);
    api.acceptAll();
    const second = api.get();
    expect(second).not.toBe(first);
    expect(api.get()).toBe(second);
    api.update({ analytics: false });
    expect(api.get()).not.toBe(second);
  });
});

describe('ConsentProvider with an instance', () => {
  it('gives the state, re-renders once per change, and no React warning about snapshots', () => {
    const api = createConsent(config);
    render(h(ConsentProvider, { consent: api }, h(Status)));
    expect(status()).toBe('undecided analytics:false youtube:false');
    renders = 0;
    act(() => api.acceptAll());
    expect(status()).toBe('decided analytics:true youtube:true');
    expect(renders).toBe(1);
    act(() => api.update({ analytics: false, personalisation: false }, { youtube: true }));
    expect(status()).toBe('decided analytics:false youtube:true');
    act(() => api.reset());
    expect(status()).toBe('undecided analytics:false youtube:false');
    // An unstable getSnapshot makes React log "The result of getSnapshot should be cached".
    expect(errors).not.toHaveBeenCalled();
  });

  it('reads a stored decision on the first client render', () => {
    createConsent(config).acceptAll();
    const api = createConsent(config);
    render(h(ConsentProvider, { consent: api }, h(Status)));
    expect(status()).toBe('decided analytics:true youtube:true');
  });

  it('unsubscribes every listener on unmount, and never destroys an instance it was given', async () => {
    const api = createConsent(config);
    const on = api.on;
    let subscribed = 0;
    api.on = ((event, handler) => {
      subscribed++;
      const off = on(event, handler);
      return () => {
        subscribed--;
        off();
      };
    }) as ConsentApi['on'];
    render(h(StrictMode, null, h(ConsentProvider, { consent: api }, h(Status), h(ConsentGate, { category: 'analytics' }, 'x'))));
    expect(subscribed).toBeGreaterThan(0);
    act(() => root!.unmount());
    root = undefined;
    await tick();
    expect(subscribed).toBe(0);
    expect(destroyed).toEqual([]);
    // A change after unmount renders nothing and warns of nothing.
    api.acceptAll();
    expect(errors).not.toHaveBeenCalled();
  });
});

describe('ConsentProvider with a config', () => {
  it('creates one instance in an effect under StrictMode, keeps it alive, destroys it once on unmount', async () => {
    render(h(StrictMode, null, h(ConsentProvider, { config }, h(Status))));
    await tick();
    expect(created).toHaveLength(1);
    expect(destroyed).toEqual([]);
    expect(status()).toBe('undecided analytics:false youtube:false');
    // The instance the tree uses is the live one: its decisions reach the tree.
    let api: ConsentApi | null = null;
    function Grab() {
      api = useConsentApi();
      return null;
    }
    act(() => root!.render(h(StrictMode, null, h(ConsentProvider, { config }, h(Status), h(Grab)))));
    expect(api).toBe(created[0]);
    act(() => api!.acceptAll());
    expect(status()).toBe('decided analytics:true youtube:true');
    act(() => root!.unmount());
    root = undefined;
    expect(destroyed).toEqual([]); // not before StrictMode could take it back
    await tick();
    expect(destroyed).toEqual([created[0]]);
  });

  it('after its effects were torn down for good (a hidden <Activity>), starts a fresh instance, not the destroyed one', async () => {
    const tree = (mode: 'visible' | 'hidden') => h(Activity, { mode, children: h(ConsentProvider, { config }, h(ConsentGate, { category: 'analytics' }, 'mesure')) });
    render(tree('visible'));
    await tick();
    act(() => root!.render(tree('hidden')));
    await tick();
    expect(destroyed).toEqual([created[0]]);
    act(() => root!.render(tree('visible')));
    await tick();
    expect(created).toHaveLength(2);
    act(() => created[1]!.acceptAll());
    expect(container.textContent).toBe('mesure');
  });

  it('ignores a later config object: one instance for the provider\'s life', async () => {
    render(h(ConsentProvider, { config }, h(Status)));
    act(() => root!.render(h(ConsentProvider, { config: { ...config } }, h(Status))));
    await tick();
    expect(created).toHaveLength(1);
    expect(destroyed).toEqual([]);
  });

  it('fails closed on a broken config: one message, nothing granted, the app still renders', async () => {
    errors.mockImplementation(() => {});
    render(h(ConsentProvider, { config: { privacyPolicyUrl: 'javascript:alert(1)' } }, h(Status), h(ConsentGate, { category: 'analytics', fallback: 'refusé' }, 'accordé')));
    await tick();
    expect(created).toEqual([]);
    expect(status()).toBe('undecided analytics:false youtube:false');
    expect(container.textContent).toContain('refusé');
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toContain('nexus-consent/react');
  });
});

describe('ConsentGate', () => {
  it('renders its children only while the category is granted', () => {
    const api = createConsent(config);
    render(h(ConsentProvider, { consent: api }, h(ConsentGate, { category: 'analytics', fallback: h('i', null, 'en attente') }, h('b', null, 'mesure'))));
    expect(container.innerHTML).toBe('<i>en attente</i>');
    act(() => api.acceptAll());
    expect(container.innerHTML).toBe('<b>mesure</b>');
    act(() => api.rejectAll());
    expect(container.innerHTML).toBe('<i>en attente</i>');
  });

  it("a fallback's allow() grants that one service, and nothing else", () => {
    const api = createConsent(config);
    render(
      h(
        ConsentProvider,
        { consent: api },
        h(
          ConsentGate,
          {
            service: 'youtube',
            fallback: ({ allow, target }) => h('button', { onClick: allow }, `Autoriser ${typeof target === 'string' ? target : target.service}`),
          },
          h('iframe', { title: 'vidéo' }),
        ),
      ),
    );
    const button = container.querySelector('button')!;
    expect(button.textContent).toBe('Autoriser youtube');
    act(() => button.click());
    expect(container.querySelector('iframe')).not.toBeNull();
    expect(api.isGranted({ service: 'youtube' })).toBe(true);
    expect(api.isGranted('personalisation')).toBe(false);
    expect(api.isGranted('analytics')).toBe(false);
    const state = api.get() as Extract<ConsentState, { status: 'decided' }>;
    expect({ ...state.record.services }).toEqual({ youtube: true });
  });

  it("a category gate's allow() grants that category only", () => {
    const api = createConsent(config);
    render(h(ConsentProvider, { consent: api }, h(ConsentGate, { category: 'analytics', fallback: ({ allow }) => h('button', { onClick: allow }, 'ok') }, 'mesure')));
    act(() => container.querySelector('button')!.click());
    expect(container.textContent).toBe('mesure');
    expect(api.isGranted('advertising')).toBe(false);
  });
});

describe('ManageCookiesButton', () => {
  it('is a real button, labelled in French by default, that opens the preferences', () => {
    const api = createConsent(config);
    const show = vi.spyOn(api, 'showPreferences');
    render(h(ConsentProvider, { consent: api }, h(ManageCookiesButton, { className: 'lien' }), h(ManageCookiesButton, null, 'Cookies')));
    const [first, second] = container.querySelectorAll('button');
    expect(first!.outerHTML).toBe('<button type="button" class="lien">Gérer les cookies</button>');
    expect(second!.textContent).toBe('Cookies');
    act(() => first!.click());
    expect(show).toHaveBeenCalledTimes(1);
  });

  it("leaves the preferences closed when the page's own onClick prevents the default", () => {
    const api = createConsent(config);
    const show = vi.spyOn(api, 'showPreferences');
    render(h(ConsentProvider, { consent: api }, h(ManageCookiesButton, { onClick: (e) => e.preventDefault() })));
    act(() => container.querySelector('button')!.click());
    expect(show).not.toHaveBeenCalled();
  });
});

describe('without a provider', () => {
  it('throws a clear error instead of passing for a visitor who never decides', () => {
    errors.mockImplementation(() => {});
    expect(() => render(h(Status))).toThrow('needs a <ConsentProvider>');
    root = undefined;
  });
});

describe('hydration', () => {
  it('hydrates server HTML without a mismatch, then shows what the stored decision grants', async () => {
    createConsent(config).acceptAll();
    const tree = (consent: ConsentApi | undefined) =>
      h(
        StrictMode,
        null,
        h(
          ConsentProvider,
          consent ? { consent } : { config },
          h(Status),
          h(ConsentGate, { service: 'youtube', fallback: h('span', null, 'bloqué') }, h('iframe', { title: 'vidéo' })),
          h(ManageCookiesButton),
        ),
      );
    for (const consent of [createConsent(config), undefined]) {
      container.innerHTML = renderToString(tree(consent));
      expect(container.textContent).toBe('undecided analytics:false youtube:falsebloquéGérer les cookies');
      const recoverable = vi.fn();
      await act(async () => {
        root = hydrateRoot(container, tree(consent), { onRecoverableError: recoverable });
      });
      await act(tick);
      expect(recoverable).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
      expect(status()).toBe('decided analytics:true youtube:true');
      expect(container.querySelector('iframe')).not.toBeNull();
      act(() => root!.unmount());
      root = undefined;
    }
  });
});
