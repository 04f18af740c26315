/**
 * nexus-consent/react on the server (Node, no DOM): rendering to a string creates no instance,
 * runs no effect and never touches `window`; every gate shows its fallback (undecided).
 */
import { createElement as h, StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

const createConsent = vi.fn(() => {
  throw new Error('createConsent must not run on the server');
});
vi.mock('../index.js', () => ({ createConsent }));
const { ConsentGate, ConsentProvider, ManageCookiesButton, useConsent, useGranted } = await import('./index.js');

/** Records each read of `window` made from this package's code (React may probe it itself). */
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

function Status() {
  const state = useConsent();
  return h('p', null, `${state.status} ${useGranted('analytics')} ${useGranted({ service: 'youtube' })}`);
}

describe('server rendering', () => {
  it('renders undecided, with fallbacks, and creates nothing', () => {
    expect(typeof document).toBe('undefined');
    const reads = watchWindow();
    const html = renderToString(
      h(
        StrictMode,
        null,
        h(
          ConsentProvider,
          { config: { privacyPolicyUrl: '/confidentialite' } },
          h(Status),
          h(ConsentGate, { category: 'analytics', fallback: h('span', null, 'mesure en attente') }, h('script', { src: 'https://www.googletagmanager.com/gtag/js' })),
          h(ConsentGate, { service: 'youtube', fallback: ({ allow }) => h('button', { onClick: allow }, 'Autoriser YouTube') }, h('iframe')),
          h(ManageCookiesButton),
        ),
      ),
    );
    expect(html).toBe(
      '<p>undecided false false</p><span>mesure en attente</span><button>Autoriser YouTube</button><button type="button">Gérer les cookies</button>',
    );
    expect(createConsent).not.toHaveBeenCalled();
    expect(reads).toEqual([]);
  });
});
