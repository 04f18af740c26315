import { describe, expect, it } from 'vitest';
import { patch } from '../blocker/interceptors/patches.js';
import { nativeCookie } from './native-cookie.js';

describe('nativeCookie', () => {
  it('falls back to document.cookie where the browser has no accessor on Document.prototype', () => {
    const doc = { cookie: 'a=1' } as unknown as Document;
    const jar = nativeCookie({ Document: { prototype: {} } as unknown as typeof Document }, doc);
    expect(jar.get()).toBe('a=1');
    jar.set('b=2');
    expect(doc.cookie).toBe('b=2');
  });

  it('goes through the accessor of Document.prototype, not the page’s own property', () => {
    const writes: string[] = [];
    const prototype = {};
    Object.defineProperty(prototype, 'cookie', {
      get: () => 'native=1',
      set: (line: string) => void writes.push(line),
      configurable: true,
    });
    const doc = Object.create(prototype) as Document;
    // A page script shadowed the accessor on the document itself.
    Object.defineProperty(doc, 'cookie', { value: 'shadow=1', writable: true });
    const jar = nativeCookie({ Document: { prototype } as unknown as typeof Document }, doc);
    expect(jar.get()).toBe('native=1');
    jar.set('nexus_consent=x');
    expect(writes).toEqual(['nexus_consent=x']);
  });

  it('writes and reads past the blocker’s cookie guard: the accessor the guard replaced', () => {
    const writes: string[] = [];
    const prototype = {};
    Object.defineProperty(prototype, 'cookie', { get: () => 'native=1', set: (line: string) => void writes.push(line), configurable: true });
    const doc = Object.create(prototype) as Document;
    // The guard drops every write and hides every cookie, as it would for a name the catalogue knows (`_pk_consent`).
    const undoSet = patch([prototype], 'cookie', 'set', () => () => undefined);
    const undoGet = patch([prototype], 'cookie', 'get', () => () => '');
    try {
      doc.cookie = 'through-the-guard=1';
      expect(writes).toEqual([]);
      expect(doc.cookie).toBe('');
      const jar = nativeCookie({ Document: { prototype } as unknown as typeof Document }, doc);
      jar.set('_pk_consent=x');
      expect(writes).toEqual(['_pk_consent=x']);
      expect(jar.get()).toBe('native=1');
    } finally {
      undoSet();
      undoGet();
    }
  });
});
