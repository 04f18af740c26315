/**
 * A start tag as the tokenizer gave it, seen through the small part of the
 * Element interface that the blocker's own `neutralize` and `isInert` read
 * (element-sources.ts), so the server writes exactly the inert form the page
 * writes and releases. The changes are then applied to the tag's source text
 * in place: a moved attribute is renamed where it stands (`src=` →
 * `data-src=`, its value's bytes untouched), a changed one is rewritten,
 * new ones are added before the tag's end; every other byte stays.
 */
import type { Token } from 'parse5';
import { isInert, neutralize, type NativeAttributes } from '../blocker/element-sources.js';
import type { Classified } from '../blocker/should-block.js';

export interface StartTagToken {
  readonly tagName: string;
  readonly attrs: readonly Token.Attribute[];
  readonly selfClosing: boolean;
  /** The tag's place in the source, with each attribute's (parse5 with `sourceCodeLocationInfo`). */
  readonly location: Token.LocationWithAttributes | null;
}

export interface TagView {
  /** `tagName` as the DOM has it for HTML elements (upper case). */
  readonly tag: string;
  get(name: string): string | null;
  has(name: string): boolean;
  isInert(): boolean;
  /** Applies `neutralize`; returns the tag's new source text. */
  neutralize(classification: Classified, adjust?: (attributes: Map<string, string>) => void): string;
}

export function tagView(token: StartTagToken, raw: string): TagView {
  const tag = token.tagName.toUpperCase();
  // The tokenizer already dropped duplicate attributes (the first wins, as in the DOM).
  const attributes = new Map(token.attrs.map((a) => [a.name, a.value]));
  return {
    tag,
    get: (name) => attributes.get(name) ?? null,
    has: (name) => attributes.has(name),
    isInert: () => isInert(elementOver(tag, attributes), tag),
    neutralize(classification, adjust) {
      const after = new Map(attributes);
      const native: NativeAttributes = {
        set: (_, name, value) => void after.set(name, value),
        remove: (_, name) => void after.delete(name),
      };
      neutralize(elementOver(tag, after), classification, native);
      adjust?.(after);
      return applyEdits(token, raw, attributes, after);
    },
  };
}

/** What `neutralize` and `isInert` read of an element, over an attribute map. */
function elementOver(tag: string, attributes: ReadonlyMap<string, string>): Element {
  return {
    tagName: tag,
    getAttribute: (name: string) => attributes.get(name) ?? null,
    hasAttribute: (name: string) => attributes.has(name),
    // A parsed script is async only with the attribute (one inserted by script is async by default).
    async: attributes.has('async'),
  } as unknown as Element;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The tag's source with the attribute changes from `before` to `after` applied in place. */
function applyEdits(token: StartTagToken, raw: string, before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string {
  const location = token.location;
  const origin = location?.startOffset ?? 0;
  const span = (name: string) => {
    const at = location?.attrs?.[name];
    return at ? { start: at.startOffset - origin, end: at.endOffset - origin } : undefined;
  };
  const edits: Edit[] = [];
  const handled = new Set<string>();
  let appended = '';
  for (const [name, value] of before) {
    const where = span(name);
    if (!where) throw new Error(`nexus-consent markup: no source location for attribute ${name}`);
    if (after.get(name) === value) continue;
    if (!after.has(name)) {
      // Moved to data-<name> with the same value: rename in place, the value's bytes as written.
      const parked = `data-${name}`;
      if (!before.has(parked) && after.get(parked) === value) {
        edits.push({ start: where.start, end: where.start + name.length, text: parked });
        handled.add(parked);
      } else edits.push({ start: where.start, end: where.end, text: '' });
    } else {
      edits.push({ start: where.start, end: where.end, text: attribute(name, after.get(name)!) });
    }
  }
  for (const [name, value] of after) {
    if (!before.has(name) && !handled.has(name)) appended += ` ${attribute(name, value)}`;
  }
  // New attributes go before the tag's end, `>` or `/>`.
  const close = raw.length - (token.selfClosing ? 2 : 1);
  if (appended) edits.push({ start: close, end: close, text: appended });
  edits.sort((a, b) => b.start - a.start);
  let text = raw;
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

/** `name="value"`, the value escaped for a double-quoted attribute. */
export function attribute(name: string, value: string): string {
  return `${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
}
