/**
 * Builds DOM nodes. Strings become text nodes and attribute values, never
 * markup: config, translations and cookies can hold anything.
 */
export type Attributes = Readonly<Record<string, string | boolean | undefined>>;
export type Child = Node | string | false | undefined;

export function createElement<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) element.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return element;
}
