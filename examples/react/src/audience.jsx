import { useEffect } from 'react';

// Google Analytics 4 as its documentation sets it up. This component knows nothing of consent:
// the app renders it inside <ConsentGate category="analytics">, so it mounts (and loads gtag.js)
// only once analytics is granted, and unmounts when it is withdrawn.
const MEASUREMENT_ID = 'G-EXEMPLE1';

export function Audience() {
  useEffect(() => {
    window.dataLayer = window.dataLayer || [];
    window.gtag = function gtag() {
      window.dataLayer.push(arguments);
    };
    window.gtag('js', new Date());
    window.gtag('config', MEASUREMENT_ID);
    const script = document.createElement('script');
    script.async = true;
    script.src = `https://www.googletagmanager.com/gtag/js?id=${MEASUREMENT_ID}`;
    document.head.appendChild(script);
  }, []);
  return <p className="note">Mesure d'audience active (Google Analytics).</p>;
}
