// Stand-in for an audience-measurement tag (what gtag.js or Piano's smarttag.js would do):
// sets a visitor-id cookie and sends a page view. Served locally so the demo needs no internet.
(function () {
  document.cookie = '_demo_analytics_id=' + Math.random().toString(36).slice(2) + '; path=/; max-age=31536000';
  (window.demoLog = window.demoLog || []).push('Mesure d’audience : page vue envoyée');
  new Image().src = '/stand-ins/pixel.gif?ev=pageview&page=' + encodeURIComponent(location.pathname);
})();
