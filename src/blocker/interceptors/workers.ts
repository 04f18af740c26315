/**
 * Vector 5c: workers — `new Worker(url)` and `new SharedWorker(url)` whose
 * script is a tracker (a worker script must be same-origin, so in practice a
 * site's first-party proxy path filed by its rules; a cross-origin URL throws a
 * SecurityError before any request). Refused at once: the worker's `error`
 * event fires, as when its script fails to load (HTML §10.2.6.3 "run a worker").
 *
 * Not held, and cannot be from the page: what a first-party worker does
 * itself — `importScripts(tracker)`, `fetch(tracker)` inside the worker. A
 * worker's global scope is a realm page script never reaches, created from its
 * script URL; rewriting the worker as a blob that patches first would change
 * its URL (breaking its relative imports and `self.location`) and need the
 * catalogue and the consent state inside it. A site whose worker talks to
 * trackers starts it once the category is granted
 * (`whenGranted('analytics').then(() => new Worker('/analytics-worker.js'))`).
 */
import { patch, type Interceptor } from './context.js';
import { failedConnection, value } from './failed-connection.js';
import { toUrl } from './network-requests.js';

type Construct = (args: unknown[], newTarget: { prototype: object }) => object;

export const workers: Interceptor = (ctx) => {
  const { win } = ctx;
  const tt = (win as { trustedTypes?: { isScriptURL(v: unknown): boolean } }).trustedTypes;
  const refused = (args: unknown[]) => {
    if (args.length === 0) return false;
    const url = toUrl(args[0]);
    // A TrustedScriptURL is passed on as it is (its text cannot change); anything else as the string checked.
    if (!tt?.isScriptURL(args[0])) args[0] = url;
    return ctx.refuseNow('worker', url);
  };
  const undo = (['Worker', 'SharedWorker'] as const).map((name) =>
    patch([win], name, 'new', (construct: Construct) => (args: unknown[], newTarget: { prototype: object }) => {
      if (!refused(args)) return construct(args, newTarget);
      let live = true;
      const stop = value(() => void (live = false));
      return failedConnection(
        win,
        newTarget.prototype,
        ['error', ...(name === 'Worker' ? ['message', 'messageerror'] : [])],
        // A shared worker talks through its port: a real one, whose messages go nowhere.
        name === 'Worker' ? { postMessage: value(() => {}), terminate: stop } : { port: value(new win.MessageChannel().port1) },
        (worker) => live && worker.dispatchEvent(new win.Event('error')),
      );
    }),
  );
  return () => undo.forEach((u) => u());
};
