import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { GoogleAnalytics } from '@next/third-parties/google';
import { ConsentGate, ConsentProvider, ManageCookiesButton } from 'nexus-consent/react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Nexus Tech — le blog', template: '%s — Nexus Tech' },
  description: 'nexus-consent dans une application Next.js (App Router).',
};

// Still a server component. ConsentProvider, ConsentGate and ManageCookiesButton are client
// components ('use client' is in the package): they run in the browser, the server renders them
// as "undecided", and what they wrap (the pages) stays server-rendered.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="fr">
      <head>
        {/* First in <head>, synchronous: every tracker after it, from any script, is held. A plain
            tag, not next/script (README.md says why). scripts/copy-sdk.mjs copies it into public/
            with the UI file it loads from beside itself. */}
        <script src="/nexus-consent.min.js" data-privacy-policy-url="/confidentialite" />
      </head>
      <body>
        {/* No prop: the provider uses the script tag's instance (window.NexusConsent). */}
        <ConsentProvider>
          <header className="site-header">
            <Link href="/">Nexus Tech</Link>
          </header>
          {children}
          <footer className="site-footer">
            <Link href="/confidentialite">Confidentialité</Link>
            <ManageCookiesButton>Gérer les cookies</ManageCookiesButton>
          </footer>
          {/* Google Analytics as Next.js documents it, rendered only once "analytics" is granted:
              server-rendered, next/script would put a <link rel="preload"> for gtag.js in <head>,
              above the SDK, and the browser would fetch it before any choice (README.md). */}
          <ConsentGate category="analytics">
            <GoogleAnalytics gaId="G-NEXUS00000" />
          </ConsentGate>
        </ConsentProvider>
      </body>
    </html>
  );
}
