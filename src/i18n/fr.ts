import type { Texts } from './texts.js';

// French typography: a narrow no-break space (\u202f) inside guillemets and before : ; ! and ?,
// so that « Publicité » never breaks after the guillemet nor a colon starts a line.

// Purposes worded after the Nexus Tech « Engagement de confidentialité » (section
// « Cookies et autres technologies »).
export const fr = {
  bannerLabel: 'Gestion des cookies',
  bannerTitle: 'Vos choix en matière de cookies',
  bannerText:
    'Avec votre accord, nous et nos partenaires utilisons des cookies, pixel tags et balises web pour mesurer l’audience du site, vous présenter des publicités adaptées à vos centres d’intérêt et personnaliser votre visite. Sans votre accord, seuls les cookies strictement nécessaires sont utilisés.',
  withdrawNote: 'Vous pouvez changer d’avis à tout moment avec «\u202fGérer les cookies\u202f».',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customise: 'Personnaliser',
  dialogTitle: 'Paramètres des cookies',
  dialogText:
    'Choisissez finalité par finalité ce que vous acceptez. Les cookies strictement nécessaires au fonctionnement du site ne peuvent pas être désactivés.',
  save: 'Enregistrer mes choix',
  close: 'Fermer',
  alwaysOn: 'Toujours actif',
  privacyPolicy: 'Politique de confidentialité',
  servicesLabel: 'Partenaires',
  continueWithout: 'Continuer sans accepter',
  gpcNotice: 'Signal Global Privacy Control reçu\u202f: la publicité reste refusée, sauf si vous l’autorisez dans «\u202fPersonnaliser\u202f».',
  manage: 'Gérer les cookies',
  vendorPolicy: 'Politique de confidentialité du partenaire',
  cookiesLabel: 'Cookies déposés',
  cookieName: 'Nom',
  cookiePurpose: 'Finalité',
  cookieLifetime: 'Durée',
  placeholderLabel: 'Contenu bloqué\u202f: {service}',
  placeholderText: 'Ce contenu ({service}) dépose des traceurs de la catégorie «\u202f{category}\u202f». Il ne s’affiche qu’avec votre accord.',
  placeholderAllow: 'Autoriser {service} et afficher',
  necessaryLabel: 'Strictement nécessaires',
  necessaryDescription:
    'Indispensables au fonctionnement du site\u202f: sécurité, équilibrage de charge, mémorisation de vos choix. Ils ne demandent pas votre accord.',
  analyticsLabel: 'Mesure d’audience',
  analyticsDescription:
    'Savoir quelles pages sont les plus visitées et mesurer l’efficacité des recherches, pour améliorer le site.',
  advertisingLabel: 'Publicité',
  advertisingDescription:
    'Compter combien de fois une annonce a été vue, vous présenter des publicités en lien avec vos centres d’intérêt et mesurer l’efficacité des campagnes.',
  personalisationLabel: 'Personnalisation',
  personalisationDescription:
    'Se souvenir de votre prénom, de votre pays et de votre langue pour vous accueillir lors de votre prochaine visite.',
} as const satisfies Texts;
