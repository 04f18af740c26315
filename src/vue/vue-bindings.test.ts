// @vitest-environment jsdom
/**
 * nexus-consent/vue in a browser-like DOM, over real instances (createConsent, no UI): the
 * plugin's two forms, state and grants as refs, unsubscribing on unmount, the gate's slots and
 * allow(), the "Gérer les cookies" button, and hydration of server HTML.
 */
import { createApp, createSSRApp, defineComponent, h, nextTick, ref, type Component } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentApi, ConsentConfig, ConsentState } from '../index.js';

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
const { ConsentGate, ManageCookiesButton, nexusConsent, useConsent, useConsentApi, useGranted } = await import('./index.js');

const config: ConsentConfig = {
  privacyPolicyUrl: '/confidentialite',
  ui: false,
  categories: { personalisation: { services: [{ id: 'youtube', name: 'YouTube' }] } },
};

let container: HTMLElement;
let unmount: (() => void) | undefined;
let errors: ReturnType<typeof vi.spyOn>;
let warnings: ReturnType<typeof vi.spyOn>;

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
  warnings = vi.spyOn(console, 'warn');
});
afterEach(() => {
  unmount?.();
  unmount = undefined;
  for (const api of created) if (!destroyed.includes(api)) api.destroy();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

const Status = defineComponent({
  setup() {
    const state = useConsent();
    const analytics = useGranted('analytics');
    const youtube = useGranted({ service: 'youtube' });
    return () => h('p', { id: 'status' }, `${state.value.status} analytics:${analytics.value} youtube:${youtube.value}`);
  },
});
const status = () => container.querySelector('#status')?.textContent;

function mount(root: Component, options: Parameters<typeof nexusConsent.install>[1]) {
  const app = createApp(root).use(nexusConsent, options);
  app.mount(container);
  unmount = () => app.unmount();
  return app;
}

describe('the plugin with an instance', () => {
  it('gives the state and grants as refs, updated on each change', async () => {
    const api = createConsent(config);
    mount(Status, { consent: api });
    expect(status()).toBe('undecided analytics:false youtube:false');
    api.acceptAll();
    await nextTick();
    expect(status()).toBe('decided analytics:true youtube:true');
    api.update({ analytics: false, personalisation: false }, { youtube: true });
    await nextTick();
    expect(status()).toBe('decided analytics:false youtube:true');
    api.reset();
    await nextTick();
    expect(status()).toBe('undecided analytics:false youtube:false');
  });

  it('reads a stored decision as soon as the app is mounted', async () => {
    createConsent(config).acceptAll();
    mount(Status, { consent: createConsent(config) });
    await nextTick();
    expect(status()).toBe('decided analytics:true youtube:true');
  });

  it('takes a ref or a getter as the target', async () => {
    const api = createConsent(config);
    const target = ref<'analytics' | { service: string }>('analytics');
    let granted: { value: boolean } | undefined;
    mount(
      defineComponent({
        setup() {
          granted = useGranted(target);
          return () => null;
        },
      }),
      { consent: api },
    );
    api.update({ analytics: true });
    expect(granted!.value).toBe(true);
    target.value = { service: 'youtube' };
    expect(granted!.value).toBe(false);
  });

  it('unsubscribes on unmount and never destroys an instance it was given', async () => {
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
    const app = mount(Status, { consent: api });
    expect(subscribed).toBe(1);
    app.unmount();
    unmount = undefined;
    expect(subscribed).toBe(0);
    expect(destroyed).toEqual([]);
    api.acceptAll();
    await nextTick();
    expect(errors).not.toHaveBeenCalled();
  });
});

describe('the plugin with a config', () => {
  it('creates one instance at mount, destroys it at unmount', async () => {
    let seen: ConsentApi | null = null;
    const app = mount(
      defineComponent({
        setup() {
          const consent = useConsentApi();
          return () => {
            seen = consent.value;
            return h(Status);
          };
        },
      }),
      { config },
    );
    expect(created).toHaveLength(1);
    await nextTick();
    expect(seen).toBe(created[0]);
    created[0]!.acceptAll();
    await nextTick();
    expect(status()).toBe('decided analytics:true youtube:true');
    app.unmount();
    unmount = undefined;
    expect(destroyed).toEqual([created[0]]);
  });

  it('fails closed on a broken config: one message, nothing granted, the app still renders', async () => {
    errors.mockImplementation(() => {});
    mount(() => [h(Status), h(ConsentGate, { category: 'analytics' }, { default: () => 'accordé', fallback: () => 'refusé' })], {
      config: { privacyPolicyUrl: 'javascript:alert(1)' },
    });
    await nextTick();
    expect(created).toEqual([]);
    expect(status()).toBe('undecided analytics:false youtube:false');
    expect(container.textContent).toContain('refusé');
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toContain('nexus-consent/vue');
  });
});

describe('ConsentGate', () => {
  it('renders the default slot only while granted, else the fallback slot', async () => {
    const api = createConsent(config);
    mount(() => h(ConsentGate, { category: 'analytics' }, { default: () => h('b', 'mesure'), fallback: () => h('i', 'en attente') }), { consent: api });
    expect(container.innerHTML).toBe('<i>en attente</i>');
    api.acceptAll();
    await nextTick();
    expect(container.innerHTML).toBe('<b>mesure</b>');
    api.rejectAll();
    await nextTick();
    expect(container.innerHTML).toBe('<i>en attente</i>');
  });

  it("the fallback's allow() grants that one service, and nothing else", async () => {
    const api = createConsent(config);
    mount(
      () =>
        h(ConsentGate, { service: 'youtube' }, {
          default: () => h('iframe', { title: 'vidéo' }),
          fallback: ({ allow, target }: { allow: () => void; target: string | { service: string } }) =>
            h('button', { onClick: allow }, `Autoriser ${typeof target === 'string' ? target : target.service}`),
        }),
      { consent: api },
    );
    const button = container.querySelector('button')!;
    expect(button.textContent).toBe('Autoriser youtube');
    button.click();
    await nextTick();
    expect(container.querySelector('iframe')).not.toBeNull();
    expect(api.isGranted('personalisation')).toBe(false);
    expect(api.isGranted('analytics')).toBe(false);
    expect({ ...(api.get() as Extract<ConsentState, { status: 'decided' }>).record.services }).toEqual({ youtube: true });
  });
});

describe('ManageCookiesButton', () => {
  it('is a real button, labelled in French by default, that opens the preferences', () => {
    const api = createConsent(config);
    const show = vi.spyOn(api, 'showPreferences');
    mount(() => [h(ManageCookiesButton, { class: 'lien' }), h(ManageCookiesButton, null, { default: () => 'Cookies' })], { consent: api });
    const [first, second] = container.querySelectorAll('button');
    expect(first!.outerHTML).toBe('<button type="button" class="lien">Gérer les cookies</button>');
    expect(second!.textContent).toBe('Cookies');
    first!.click();
    expect(show).toHaveBeenCalledTimes(1);
  });
});

describe('without the plugin', () => {
  it('throws a clear error instead of passing for a visitor who never decides', () => {
    const app = createApp(Status);
    app.config.errorHandler = (error) => {
      throw error;
    };
    warnings.mockImplementation(() => {});
    expect(() => app.mount(container)).toThrow('install the plugin first');
  });
});

describe('hydration', () => {
  it('hydrates server HTML without a mismatch, then shows what the stored decision grants', async () => {
    createConsent(config).acceptAll();
    const App = () => [h(Status), h(ConsentGate, { service: 'youtube' }, { default: () => h('iframe', { title: 'vidéo' }), fallback: () => h('span', 'bloqué') }), h(ManageCookiesButton)];
    for (const options of [{ consent: createConsent(config) }, { config }]) {
      container.innerHTML = await renderToString(createSSRApp(App).use(nexusConsent, options));
      expect(container.textContent).toBe('undecided analytics:false youtube:falsebloquéGérer les cookies');
      const app = createSSRApp(App).use(nexusConsent, options);
      app.mount(container);
      expect(warnings).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
      await nextTick();
      expect(status()).toBe('decided analytics:true youtube:true');
      expect(container.querySelector('iframe')).not.toBeNull();
      app.unmount();
    }
  });
});
