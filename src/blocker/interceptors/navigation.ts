/**
 * Vector 5d: navigations a script starts — `window.open(url)` and a form
 * submitted by script (`form.submit()`, `form.requestSubmit()`), whether it
 * targets a window or a hidden iframe (a classic cross-site beacon). A
 * navigation to a tracker sends the tracker's own cookies, more than a pixel.
 * Refused at once: window.open returns null, as when a popup is blocked; the
 * form is not submitted (requestSubmit still validates and fires `submit`, the
 * page's handlers run, and the submission is cancelled).
 *
 * Not held: what the visitor does — following a link, clicking a submit button
 * (or a script's `button.click()`, which the browser treats the same) — is the
 * visitor's own navigation.
 */
import { patch, type Interceptor } from './context.js';
import { toUrl } from './network-requests.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

export const navigation: Interceptor = (ctx) => {
  const { win } = ctx;
  const form = win.HTMLFormElement?.prototype;
  // Read through the prototype: `form.action` is shadowed by a control named "action".
  const action = form && Object.getOwnPropertyDescriptor(form, 'action')?.get;
  /** The URL a form submission would load: the submitter's formaction, else the form's action. */
  const target = (f: unknown, submitter?: unknown) => {
    const button = submitter as HTMLButtonElement | undefined;
    return button?.hasAttribute?.('formaction') ? button.formAction : (action?.call(f) as string);
  };
  const refused = (url: string) => ctx.refuseNow('form', url);
  const undo = [
    patch([win], 'open', 'value', (original: Fn) =>
      function (this: unknown, ...args: unknown[]) {
        if (args[0] !== undefined && ctx.refuseNow('window', (args[0] = toUrl(args[0])) as string)) return null;
        return original.apply(this, args);
      },
    ),
  ];
  if (form) {
    undo.push(
      patch([form], 'submit', 'value', (original: Fn) =>
        function (this: HTMLFormElement) {
          if (!refused(target(this))) return original.call(this);
        },
      ),
      patch([form], 'requestSubmit', 'value', (original: Fn) =>
        function (this: HTMLFormElement, ...args: unknown[]) {
          if (!refused(target(this, args[0]))) return original.apply(this, args);
          const cancel = (event: Event) => event.preventDefault();
          this.addEventListener('submit', cancel, true);
          try {
            return original.apply(this, args);
          } finally {
            this.removeEventListener('submit', cancel, true);
          }
        },
      ),
    );
  }
  return () => undo.forEach((u) => u());
};
