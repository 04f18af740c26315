import { ConsentGate, ConsentProvider, ManageCookiesButton } from 'nexus-consent/react';
import { Audience } from './audience.jsx';
import { consentConfig } from './consent-config.js';

export function App() {
  return (
    <ConsentProvider config={consentConfig}>
      <header className="site-header">
        <strong>Atelier Vélo</strong>
      </header>
      <main>
        <h1>Réparer une crevaison en dix minutes</h1>
        <p>Démonter la roue, trouver le trou, poser la rustine : la vidéo montre chaque geste.</p>
        <ConsentGate
          service="youtube"
          fallback={({ allow }) => (
            <div className="placeholder">
              <p>Cette vidéo est hébergée par YouTube, qui dépose des cookies publicitaires.</p>
              <button type="button" onClick={allow}>
                Autoriser YouTube
              </button>
            </div>
          )}
        >
          <iframe
            title="Réparer une crevaison (YouTube)"
            width="560"
            height="315"
            src="https://www.youtube.com/embed/exemple-crevaison"
            allowFullScreen
          />
        </ConsentGate>
        <ConsentGate category="analytics">
          <Audience />
        </ConsentGate>
      </main>
      <footer className="site-footer">
        <a href="/confidentialite">Confidentialité</a> · <ManageCookiesButton className="link-button" />
      </footer>
    </ConsentProvider>
  );
}
