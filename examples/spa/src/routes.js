// The three pages, built with DOM calls (no HTML strings).

function page(doc, heading, ...paragraphs) {
  const fragment = doc.createDocumentFragment();
  const h1 = doc.createElement('h1');
  h1.textContent = heading;
  fragment.append(h1);
  for (const text of paragraphs) {
    const p = doc.createElement('p');
    p.textContent = text;
    fragment.append(p);
  }
  return fragment;
}

export const routes = {
  '/': {
    title: 'Accueil',
    render: (doc) => page(doc, 'Trouvez votre prochain poste',
      'OpenJob rassemble les offres de Nexus Tech et de ses partenaires.',
      'Chaque changement de page est une page vue pour Mixpanel, Amplitude et Google Analytics — seulement si vous avez accepté la mesure d\'audience.'),
  },
  '/offres': {
    title: 'Offres d\'emploi',
    render: (doc) => {
      const fragment = page(doc, 'Offres d\'emploi', '3 offres correspondent à votre recherche.');
      const list = doc.createElement('ul');
      for (const job of ['Développeuse TypeScript — Lyon', 'Ingénieur fiabilité — Nantes', 'Product designer — à distance']) {
        const item = doc.createElement('li');
        item.textContent = job;
        list.append(item);
      }
      fragment.append(list);
      return fragment;
    },
  },
  '/confidentialite': {
    title: 'Confidentialité',
    render: (doc) => page(doc, 'Engagement de confidentialité',
      'Avec votre accord, OpenJob mesure son audience avec Mixpanel, Amplitude et Google Analytics.',
      'Vous pouvez changer d\'avis à tout moment avec le lien « Gérer les cookies » en bas de page.'),
  },
};
