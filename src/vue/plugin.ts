import { shallowRef, type App, type InjectionKey, type ShallowRef } from 'vue';
import { createConsent, type ConsentApi, type ConsentConfig, type ConsentState } from '../index.js';
import { SERVER_STATE } from '../bindings/grant-target.js';

export type NexusConsentOptions =
  /** An instance the page created itself (`createConsent(config)`); the plugin never destroys it. */
  | { readonly consent: ConsentApi; readonly config?: never }
  /** A config: the plugin creates the instance in the browser when the app mounts, and destroys it on unmount. */
  | { readonly config: ConsentConfig; readonly consent?: never };

/** What the composables read: the app's instance and its state, both set once the app has mounted. */
export interface ConsentBinding {
  readonly consent: ShallowRef<ConsentApi | null>;
  readonly state: ShallowRef<ConsentState>;
}

export const BINDING: InjectionKey<ConsentBinding> = Symbol('nexus-consent');

/**
 * `app.use(nexusConsent, { consent })` or `app.use(nexusConsent, { config })`,
 * before `app.mount()`. The instance is read (or created) once `mount()` has
 * returned: never on the server, which renders without mounting, and after
 * hydration, so the client's first render matches the server's (undecided).
 */
export const nexusConsent = {
  install(app: App, options: NexusConsentOptions): void {
    const binding: ConsentBinding = { consent: shallowRef(null), state: shallowRef(SERVER_STATE) };
    app.provide(BINDING, binding);
    let stop = () => {};

    const mount = app.mount;
    app.mount = (...args: Parameters<App['mount']>) => {
      const root = mount(...args);
      stop = start(binding, options);
      return root;
    };
    const unmount = app.unmount;
    app.unmount = () => {
      unmount();
      stop();
      stop = () => {};
    };
  },
};

/** Connects the binding to the instance; returns what undoes it. */
function start(binding: ConsentBinding, options: NexusConsentOptions): () => void {
  let consent: ConsentApi;
  try {
    consent = options.consent ?? createConsent(options.config);
  } catch (error) {
    // Fail closed: no instance, nothing granted (`nexus-consent/auto` keeps holding), one message; the app runs on.
    console.error('nexus-consent/vue: could not start nexus-consent:', error);
    return () => {};
  }
  binding.consent.value = consent;
  binding.state.value = consent.get();
  // `get()` returns one object per decision: the shallow ref changes exactly when the state does.
  const off = consent.on('change', () => (binding.state.value = consent.get()));
  return () => {
    off();
    if (!options.consent) consent.destroy();
    binding.consent.value = null;
    binding.state.value = SERVER_STATE;
  };
}
