import { useEffect, useState } from 'react';
import type { ConsentApi } from '../index.js';

/** The brand the script-tag build puts on `window.NexusConsent` (src/script-tag.ts). */
const INSTANCE = Symbol.for('nexus-consent.instance');

/**
 * The instance the script tag published as `window.NexusConsent`, or null: a
 * pre-load queue (an array), a stub or nothing (a script an ad blocker stopped)
 * is not one, so nothing is granted.
 */
export function readScriptTagConsent(win: Window): ConsentApi | null {
  try {
    const value = (win as { NexusConsent?: unknown }).NexusConsent;
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[INSTANCE] === true ? (value as ConsentApi) : null;
  } catch {
    return null; // A getter that throws: no instance.
  }
}

/**
 * For a page that loads nexus-consent.min.js itself, first in <head> (Next.js's
 * root layout): that tag's instance, read after mount so that the first client
 * render matches the server's (no instance); null when `wanted` is false.
 */
export function useScriptTagConsent(wanted: boolean): ConsentApi | null {
  const [consent, setConsent] = useState<ConsentApi | null>(null);
  useEffect(() => {
    if (!wanted) return;
    const found = readScriptTagConsent(window);
    // Fail closed, but never silently: gates keep their fallbacks, the button does nothing.
    if (!found) {
      console.error(
        'nexus-consent/react: <ConsentProvider> without `consent` or `config` uses the instance of the script tag (window.NexusConsent), and there is none: load nexus-consent.min.js first in <head>, synchronously. Nothing is granted.',
      );
    }
    setConsent(found);
  }, [wanted]);
  return wanted ? consent : null;
}
