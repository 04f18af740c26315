import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Confidentialité' };

export default function Privacy() {
  return (
    <main>
      <h1>Engagement de confidentialité</h1>
      <p>
        Nous mesurons l’audience de ce site avec Google Analytics et affichons des vidéos YouTube, seulement si
        vous l’acceptez. Vous pouvez changer d’avis à tout moment avec le bouton « Gérer les cookies » en bas de
        chaque page.
      </p>
    </main>
  );
}
