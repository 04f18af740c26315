// The demo page's own (necessary) script: shows what the page can see. It uses
// only the public API and DOM events. (The "Gérer les cookies" footer link needs
// no script: the SDK opens the preferences for any element with data-nexus-consent-open.)
(function () {
  function render() {
    var api = window.NexusConsent;
    var state = api && api.get ? api.get() : { status: 'undecided' };
    document.getElementById('decision').textContent =
      state.status === 'decided'
        ? state.record.method + ' — accordé : ' + state.record.granted.join(', ') + ' — expire le ' + new Date(state.record.expiresAt).toLocaleDateString('fr-FR')
        : 'aucune décision';
    document.getElementById('cookies').textContent = document.cookie || '(aucun)';
    document.getElementById('log').textContent = (window.demoLog || []).join(' · ') || '(aucun)';
    var prenom = /(?:^|; )openjob_prenom=([^;]*)/.exec(document.cookie);
    document.getElementById('welcome').textContent = prenom ? 'Bon retour, ' + decodeURIComponent(prenom[1]) + ' !' : 'Bienvenue sur OpenJob.';
  }
  window.addEventListener('nexus-consent:change', function () { setTimeout(render, 300); });
  render();
  window.addEventListener('load', render);
})();
