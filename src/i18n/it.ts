import type { Texts } from './texts.js';

export const it = {
  bannerLabel: 'Gestione dei cookie',
  bannerTitle: 'Le tue scelte sui cookie',
  bannerText:
    'Con il tuo consenso, noi e i nostri partner utilizziamo cookie, pixel e web beacon per misurare l’utilizzo del sito, mostrarti pubblicità in linea con i tuoi interessi e personalizzare la tua visita. Senza il tuo consenso vengono utilizzati solo i cookie strettamente necessari.',
  withdrawNote: 'Puoi cambiare idea in qualsiasi momento con «Gestisci i cookie».',
  acceptAll: 'Accetta tutto',
  rejectAll: 'Rifiuta tutto',
  customise: 'Personalizza',
  dialogTitle: 'Impostazioni dei cookie',
  dialogText:
    'Scegli, finalità per finalità, che cosa accetti. I cookie strettamente necessari al funzionamento del sito non possono essere disattivati.',
  save: 'Salva le mie scelte',
  close: 'Chiudi',
  alwaysOn: 'Sempre attivi',
  privacyPolicy: 'Informativa sulla privacy',
  servicesLabel: 'Partner',
  continueWithout: 'Continua senza accettare',
  gpcNotice: 'Il tuo browser invia il segnale Global Privacy Control: la pubblicità resta rifiutata, a meno che tu non la consenta in «Personalizza».',
  manage: 'Gestisci i cookie',
  vendorPolicy: 'Informativa sulla privacy del partner',
  cookiesLabel: 'Cookie installati',
  cookieName: 'Nome',
  cookiePurpose: 'Finalità',
  cookieLifetime: 'Durata',
  placeholderLabel: 'Contenuto bloccato: {service}',
  placeholderText: 'Questo contenuto ({service}) installa tracker della categoria «{category}». Viene mostrato solo con il tuo consenso.',
  placeholderAllow: 'Consenti {service} e mostra',
  necessaryLabel: 'Strettamente necessari',
  necessaryDescription:
    'Indispensabili al funzionamento del sito: sicurezza, bilanciamento del carico, memorizzazione delle tue scelte. Non richiedono il tuo consenso.',
  analyticsLabel: 'Misurazione dell’audience',
  analyticsDescription: 'Sapere quali pagine sono più visitate e misurare l’efficacia delle ricerche, per migliorare il sito.',
  advertisingLabel: 'Pubblicità',
  advertisingDescription:
    'Contare quante volte un annuncio è stato visto, mostrarti pubblicità in linea con i tuoi interessi e misurare l’efficacia delle campagne.',
  personalisationLabel: 'Personalizzazione',
  personalisationDescription: 'Ricordare il tuo nome, il tuo paese e la tua lingua per accoglierti alla prossima visita.',
} as const satisfies Texts;
