/**
 * Trusted Types (CSP `require-trusted-types-for 'script'`). The SDK writes
 * markup or script text in three places only, each through one policy named
 * `nexus-consent`, created on first need:
 * - markup the page passed as TrustedHTML, given back with the tags that must
 *   wait made inert (a string the page passed stays a string, for the page's
 *   own default policy to judge: the SDK never turns a string into TrustedHTML
 *   for a sink);
 * - a srcdoc value, parsed in an inert document to be inspected;
 * - on release, the URL and text of a tag the site marked up.
 * A page whose CSP does not allow the name (`trusted-types nexus-consent …`)
 * gets one console error; held markup is then dropped, never passed on as it was.
 */
export const POLICY_NAME = 'nexus-consent';

interface Policy {
  createHTML(input: string): unknown;
  createScript(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface Factory {
  createPolicy(name: string, rules: Record<string, (input: string) => string>): Policy;
  isHTML(value: unknown): boolean;
  getAttributeType(tag: string, attribute: string, elementNs?: string | null): string | null;
  readonly emptyHTML: unknown;
}
type WithTrustedTypes = { trustedTypes?: Factory; console: Console };

/** One policy per window (a second createPolicy of the same name is refused); null when the CSP refused it. */
const policies = new WeakMap<object, Policy | null>();
const same = (input: string) => input;

function factory(win: object): Factory | undefined {
  return (win as WithTrustedTypes).trustedTypes;
}

/** The policy, undefined without Trusted Types, null when the page's CSP does not allow it. */
function policy(win: object): Policy | null | undefined {
  const types = factory(win);
  if (!types) return undefined;
  let found = policies.get(win);
  if (found === undefined) {
    try {
      found = types.createPolicy(POLICY_NAME, { createHTML: same, createScript: same, createScriptURL: same });
    } catch (error) {
      found = null;
      (win as WithTrustedTypes).console.error(
        `[nexus-consent] the CSP refuses the Trusted Types policy "${POLICY_NAME}": held markup is dropped, marked-up tags stay inert.`,
        error,
      );
    }
    policies.set(win, found);
  }
  return found;
}

export function isTrustedHtml(win: object, value: unknown): boolean {
  return factory(win)?.isHTML(value) ?? false;
}

/** Re-blesses markup made from TrustedHTML; empty markup (dropped) when the policy was refused. */
export function trustedHtml(win: object, html: string): unknown {
  const p = policy(win);
  return p === undefined ? html : p ? p.createHTML(html) : factory(win)!.emptyHTML;
}

/** A string to be parsed in an inert document only (never given to a live sink). */
export function htmlToInspect(win: object, html: string): unknown {
  return policy(win)?.createHTML(html) ?? html;
}

/** The value for `element.setAttribute(name, value)` on release: trusted when the attribute is a Trusted Types sink. */
export function trustedAttribute(element: Element, name: string, value: string): unknown {
  const win = element.ownerDocument.defaultView;
  const type = win && factory(win)?.getAttributeType(element.localName, name, element.namespaceURI);
  const p = type ? policy(win) : undefined;
  if (!p) return value;
  return type === 'TrustedHTML' ? p.createHTML(value) : type === 'TrustedScript' ? p.createScript(value) : p.createScriptURL(value);
}

/** The text of a released inline script. */
export function trustedScript(script: HTMLScriptElement, text: string): string {
  const win = script.ownerDocument.defaultView;
  return ((win && policy(win)?.createScript(text)) ?? text) as string;
}
