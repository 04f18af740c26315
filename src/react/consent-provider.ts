import { createElement, useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { createConsent, type ConsentApi, type ConsentConfig } from '../index.js';
import { ConsentContext } from './consent-context.js';
import { useScriptTagConsent } from './script-tag-consent.js';

export type ConsentProviderProps =
  | {
      /** An instance the page created itself (`createConsent(config)`); the provider never destroys it. */
      readonly consent: ConsentApi;
      readonly config?: never;
      readonly children?: ReactNode;
    }
  | {
      /**
       * A config: the provider creates the instance in the browser once mounted
       * (never on the server) and destroys it when unmounted. Read once, at
       * mount: a later change of the object is ignored, as `useState`'s initial value is.
       */
      readonly config: ConsentConfig;
      readonly consent?: never;
      readonly children?: ReactNode;
    }
  | {
      /**
       * Neither: the instance of the page's own script tag (`window.NexusConsent`),
       * for a site that loads nexus-consent.min.js first in <head> — the way to
       * hold trackers before any bundle runs, as in Next.js's root layout. Read
       * once mounted; a missing one is a console error, and nothing is granted.
       */
      readonly consent?: never;
      readonly config?: never;
      readonly children?: ReactNode;
    };

/** An instance this provider created, and whether a mounted effect still holds it. */
interface Owned {
  readonly consent: ConsentApi;
  held: boolean;
}

/**
 * Makes an instance available to `useConsent()`, `useGranted()`, `<ConsentGate>`
 * and `<ManageCookiesButton>` below it. Import `nexus-consent/auto` first in
 * the app's entry so trackers are held before the provider mounts, or give it
 * no prop under the script tag (examples/nextjs).
 */
export function ConsentProvider(props: ConsentProviderProps): ReactElement {
  const created = useCreatedConsent(props.consent ? undefined : props.config);
  const scriptTag = useScriptTagConsent(props.consent === undefined && props.config === undefined);
  return createElement(ConsentContext.Provider, { value: props.consent ?? created ?? scriptTag }, props.children);
}

function useCreatedConsent(config: ConsentConfig | undefined): ConsentApi | null {
  const [consent, setConsent] = useState<ConsentApi | null>(null);
  const owned = useRef<Owned | null>(null);
  const configured = useRef(config);
  const wanted = config !== undefined;
  // An effect, so never on the server; the first client render matches the server's (no instance).
  useEffect(() => {
    if (!wanted || !configured.current) return;
    let own = owned.current;
    if (!own) {
      try {
        own = owned.current = { consent: createConsent(configured.current), held: false };
      } catch (error) {
        // Fail closed: no instance, nothing granted (`nexus-consent/auto` keeps holding), one message; the app keeps rendering.
        console.error('nexus-consent/react: ConsentProvider could not start nexus-consent:', error);
        return;
      }
    }
    const mine = own;
    mine.held = true;
    setConsent(mine.consent);
    return () => {
      mine.held = false;
      // StrictMode runs this cleanup and the effect again at once on the same mount: the effect
      // takes the instance back before this timer fires, so it is neither destroyed nor created twice.
      setTimeout(() => {
        if (mine.held) return;
        mine.consent.destroy();
        if (owned.current === mine) owned.current = null;
      });
    };
  }, [wanted]);
  return wanted ? consent : null;
}
