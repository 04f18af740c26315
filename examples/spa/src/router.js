// A tiny History-API router: links to known routes are intercepted and rendered in place
// (pushState, no reload), Back and Forward re-render, anything else is left to the browser.

/**
 * @param {{ routes: Record<string, { title: string, render: (doc: Document) => Node }>,
 *           outlet: HTMLElement, onChange: (route: { path: string, title: string }) => void }} options
 * @returns {() => void} stops the router
 */
export function startRouter({ routes, outlet, onChange }) {
  const render = () => {
    const path = location.pathname in routes ? location.pathname : '/';
    const route = routes[path];
    document.title = `OpenJob — ${route.title}`;
    outlet.replaceChildren(route.render(document));
    for (const link of document.querySelectorAll('nav a')) {
      if (link.pathname === path) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    onChange({ path, title: route.title });
  };

  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest?.('a[href]');
    // The footer's "Gérer les cookies" link belongs to nexus-consent.
    if (!link || link.hasAttribute('data-nexus-consent-open') || link.target || link.origin !== location.origin) return;
    if (!(link.pathname in routes)) return;
    event.preventDefault();
    if (link.pathname === location.pathname) return;
    history.pushState(null, '', link.pathname);
    render();
    outlet.focus();
  };

  document.addEventListener('click', onClick);
  addEventListener('popstate', render);
  render();
  return () => {
    document.removeEventListener('click', onClick);
    removeEventListener('popstate', render);
  };
}
