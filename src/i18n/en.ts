import type { Texts } from './texts.js';

export const en = {
  bannerLabel: 'Cookie consent',
  bannerTitle: 'Your cookie choices',
  bannerText:
    'With your consent, we and our partners use cookies, pixel tags and web beacons to measure how the site is used, show you ads related to your interests and personalise your visit. Without your consent, only strictly necessary cookies are used.',
  withdrawNote: 'You can change your mind at any time with “Manage cookies”.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customise: 'Customise',
  dialogTitle: 'Cookie settings',
  dialogText:
    'Choose, purpose by purpose, what you accept. Cookies that are strictly necessary for the site to work cannot be switched off.',
  save: 'Save my choices',
  close: 'Close',
  alwaysOn: 'Always on',
  privacyPolicy: 'Privacy policy',
  servicesLabel: 'Partners',
  continueWithout: 'Continue without accepting',
  gpcNotice: 'Global Privacy Control signal received: advertising stays refused unless you allow it under “Customise”.',
  manage: 'Manage cookies',
  vendorPolicy: 'Partner’s privacy policy',
  cookiesLabel: 'Cookies set',
  cookieName: 'Name',
  cookiePurpose: 'Purpose',
  cookieLifetime: 'Lifetime',
  placeholderLabel: 'Blocked content: {service}',
  placeholderText: 'This content ({service}) sets trackers of the “{category}” category. It only shows with your consent.',
  placeholderAllow: 'Allow {service} and show',
  necessaryLabel: 'Strictly necessary',
  necessaryDescription:
    'Needed for the site to work: security, load balancing, remembering your choices. They do not need your consent.',
  analyticsLabel: 'Audience measurement',
  analyticsDescription: 'Learn which pages are visited most and how well search works, to improve the site.',
  advertisingLabel: 'Advertising',
  advertisingDescription:
    'Count how often an ad was seen, show you ads related to your interests and measure how well campaigns work.',
  personalisationLabel: 'Personalisation',
  personalisationDescription:
    'Remember your first name, country and language to welcome you on your next visit.',
} as const satisfies Texts;
