// The site's nexus-consent config: what any site writes, React or not.
export const consentConfig = {
  privacyPolicyUrl: '/confidentialite',
  language: 'fr',
  // The footer's « Gérer les cookies » button reopens the preferences.
  floatingButton: false,
  categories: {
    analytics: {
      services: [{ id: 'google-analytics', name: 'Google Analytics', vendor: 'Google', policyUrl: 'https://policies.google.com/privacy' }],
    },
  },
};
