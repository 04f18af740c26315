/**
 * nexus-consent/vue on the server (Node, no DOM): rendering to a string creates no instance and
 * never touches `window`; every gate shows its fallback (undecided).
 */
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { afterEach, describe, expect, it, vi } from 'vitest';

const createConsent = vi.fn(() => {
  throw new Error('createConsent must not run on the server');
});
vi.mock('../index.js', () => ({ createConsent }));
const { ConsentGate, ManageCookiesButton, nexusConsent, useConsent, useGranted } = await import('./index.js');

/** Records each read of `window` made from this package's code (Vue may probe it itself). */
function watchWindow(): string[] {
  const reads: string[] = [];
  Object.defineProperty(globalThis, 'window', {
    configurable: true,
    get() {
      // The caller's frames, not this getter's own (it sits in a test file under src/).
      const callers = (new Error().stack ?? '').split('\n').slice(2).join('\n');
      if (/src\/(react|bindings|vue)\/[\w-]+\.ts/.test(callers)) reads.push(callers);
      return undefined;
    },
  });
  return reads;
}
afterEach(() => void delete (globalThis as { window?: unknown }).window);

describe('server rendering', () => {
  it('renders undecided, with fallbacks, and creates nothing', async () => {
    expect(typeof document).toBe('undefined');
    const reads = watchWindow();
    const Status = {
      setup() {
        const state = useConsent();
        const analytics = useGranted('analytics');
        return () => h('p', `${state.value.status} ${analytics.value}`);
      },
    };
    const app = createSSRApp(() => [
      h(Status),
      h(ConsentGate, { category: 'analytics' }, { default: () => h('script', { src: 'https://www.googletagmanager.com/gtag/js' }), fallback: () => h('span', 'mesure en attente') }),
      h(ManageCookiesButton),
    ]).use(nexusConsent, { config: { privacyPolicyUrl: '/confidentialite' } });
    const html = await renderToString(app);
    expect(html).toBe('<!--[--><p>undecided false</p><!--[--><span>mesure en attente</span><!--]--><button type="button">Gérer les cookies</button><!--]-->');
    expect(createConsent).not.toHaveBeenCalled();
    expect(reads).toEqual([]);
  });
});
