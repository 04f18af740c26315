import { createContext, useContext } from 'react';
import type { ConsentApi } from '../index.js';

/**
 * The instance below a ConsentProvider: `null` until it exists (always on the
 * server, and on the client until the provider's effect created it);
 * `undefined` outside any provider.
 */
export const ConsentContext = createContext<ConsentApi | null | undefined>(undefined);

/**
 * The nexus-consent instance of the nearest `<ConsentProvider>`, for actions
 * the components do not cover (`acceptAll()`, `reset()`…); `null` on the
 * server and until the provider created it. Throws outside a provider: a
 * missing provider would otherwise look like a visitor who never decides.
 */
export function useConsentApi(): ConsentApi | null {
  const consent = useContext(ConsentContext);
  if (consent === undefined) throw new Error('nexus-consent/react: this hook needs a <ConsentProvider> above it');
  return consent;
}
