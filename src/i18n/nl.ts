import type { Texts } from './texts.js';

export const nl = {
  bannerLabel: 'Cookiebeheer',
  bannerTitle: 'Uw keuzes over cookies',
  bannerText:
    'Met uw toestemming gebruiken wij en onze partners cookies, pixeltags en webbeacons om het gebruik van de site te meten, u advertenties te tonen die aansluiten bij uw interesses en uw bezoek te personaliseren. Zonder uw toestemming worden alleen strikt noodzakelijke cookies gebruikt.',
  withdrawNote: 'U kunt op elk moment van gedachten veranderen via „Cookies beheren”.',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  customise: 'Aanpassen',
  dialogTitle: 'Cookie-instellingen',
  dialogText:
    'Kies per doel wat u accepteert. Cookies die strikt noodzakelijk zijn voor de werking van de site kunnen niet worden uitgeschakeld.',
  save: 'Mijn keuzes opslaan',
  close: 'Sluiten',
  alwaysOn: 'Altijd actief',
  privacyPolicy: 'Privacybeleid',
  servicesLabel: 'Partners',
  continueWithout: 'Doorgaan zonder te accepteren',
  gpcNotice: 'Uw browser stuurt het signaal Global Privacy Control: advertenties blijven geweigerd, tenzij u ze toestaat onder ‘Aanpassen’.',
  manage: 'Cookies beheren',
  vendorPolicy: 'Privacybeleid van de partner',
  cookiesLabel: 'Geplaatste cookies',
  cookieName: 'Naam',
  cookiePurpose: 'Doel',
  cookieLifetime: 'Bewaartermijn',
  placeholderLabel: 'Geblokkeerde inhoud: {service}',
  placeholderText: 'Deze inhoud ({service}) plaatst trackers van de categorie „{category}”. Hij wordt alleen met uw toestemming getoond.',
  placeholderAllow: '{service} toestaan en tonen',
  necessaryLabel: 'Strikt noodzakelijk',
  necessaryDescription:
    'Nodig voor de werking van de site: beveiliging, taakverdeling, het onthouden van uw keuzes. Hiervoor is geen toestemming nodig.',
  analyticsLabel: 'Bezoekersmeting',
  analyticsDescription: 'Weten welke pagina’s het meest bezocht worden en hoe goed de zoekfunctie werkt, om de site te verbeteren.',
  advertisingLabel: 'Advertenties',
  advertisingDescription:
    'Tellen hoe vaak een advertentie is gezien, u advertenties tonen die aansluiten bij uw interesses en de effectiviteit van campagnes meten.',
  personalisationLabel: 'Personalisatie',
  personalisationDescription: 'Uw voornaam, land en taal onthouden om u bij uw volgende bezoek te verwelkomen.',
} as const satisfies Texts;
