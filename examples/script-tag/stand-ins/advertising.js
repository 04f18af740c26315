// Stand-in for an advertising pixel (what Meta's fbevents.js would do): sets a browser-id cookie.
(function () {
  document.cookie = '_demo_ads_id=fb.1.' + Date.now() + '; path=/; max-age=7776000';
  (window.demoLog = window.demoLog || []).push('Publicité : pixel chargé');
})();
