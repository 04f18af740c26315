import type { Texts } from './texts.js';

export const de = {
  bannerLabel: 'Cookie-Einstellungen',
  bannerTitle: 'Ihre Wahl zu Cookies',
  bannerText:
    'Mit Ihrer Einwilligung verwenden wir und unsere Partner Cookies, Zählpixel und Web-Beacons, um die Nutzung der Website zu messen, Ihnen Werbung passend zu Ihren Interessen zu zeigen und Ihren Besuch zu personalisieren. Ohne Ihre Einwilligung werden nur unbedingt erforderliche Cookies verwendet.',
  withdrawNote: 'Sie können Ihre Wahl jederzeit über „Cookies verwalten“ ändern.',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customise: 'Anpassen',
  dialogTitle: 'Cookie-Einstellungen',
  dialogText:
    'Wählen Sie für jeden Zweck, was Sie erlauben. Cookies, die für den Betrieb der Website unbedingt erforderlich sind, lassen sich nicht abschalten.',
  save: 'Auswahl speichern',
  close: 'Schließen',
  alwaysOn: 'Immer aktiv',
  privacyPolicy: 'Datenschutzerklärung',
  servicesLabel: 'Partner',
  continueWithout: 'Weiter ohne Einwilligung',
  gpcNotice: 'Ihr Browser sendet das Signal Global Privacy Control: Werbung bleibt abgelehnt, sofern Sie sie nicht unter „Anpassen“ erlauben.',
  manage: 'Cookies verwalten',
  vendorPolicy: 'Datenschutzerklärung des Partners',
  cookiesLabel: 'Gesetzte Cookies',
  cookieName: 'Name',
  cookiePurpose: 'Zweck',
  cookieLifetime: 'Speicherdauer',
  placeholderLabel: 'Blockierter Inhalt: {service}',
  placeholderText: 'Dieser Inhalt ({service}) setzt Tracker der Kategorie „{category}“. Er wird nur mit Ihrer Einwilligung angezeigt.',
  placeholderAllow: '{service} erlauben und anzeigen',
  necessaryLabel: 'Unbedingt erforderlich',
  necessaryDescription:
    'Für den Betrieb der Website nötig: Sicherheit, Lastverteilung, Speichern Ihrer Wahl. Sie brauchen keine Einwilligung.',
  analyticsLabel: 'Reichweitenmessung',
  analyticsDescription: 'Erfahren, welche Seiten am häufigsten besucht werden und wie gut die Suche funktioniert, um die Website zu verbessern.',
  advertisingLabel: 'Werbung',
  advertisingDescription:
    'Zählen, wie oft eine Anzeige gesehen wurde, Ihnen Werbung passend zu Ihren Interessen zeigen und den Erfolg von Kampagnen messen.',
  personalisationLabel: 'Personalisierung',
  personalisationDescription: 'Sich an Ihren Vornamen, Ihr Land und Ihre Sprache erinnern, um Sie beim nächsten Besuch zu begrüßen.',
} as const satisfies Texts;
