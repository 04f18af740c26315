// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createReleaser } from './release.js';

afterEach(() => document.body.replaceChildren());

/** Inert tags as the blocker leaves them. */
function inert(html: string): Element[] {
  document.body.innerHTML = html;
  return [...document.body.querySelectorAll('[data-consent]')];
}

describe('createReleaser (jsdom)', () => {
  it('asks again at the moment of release: a tag refused since it was queued stays inert, and can be queued again', async () => {
    const [img] = inert('<img data-consent="advertising" data-src="https://t.example/p.gif">');
    let allowed = true;
    const releaser = createReleaser(document, { released() {}, allowed: () => allowed });
    const done = releaser.release([img!]);
    allowed = false;
    await done;
    expect(img!.getAttribute('src')).toBeNull();
    allowed = true;
    await releaser.release([img!]);
    expect(img!.getAttribute('src')).toBe('https://t.example/p.gif');
  });

  it('an inline script waiting for a script above it is asked again after the wait', async () => {
    const [external, inline] = inert(
      '<script type="text/plain" data-consent="analytics" src="https://t.example/a.js"></script>' +
        '<script type="text/plain" data-consent="analytics">window.__inline = true</script>',
    );
    let allowed = true;
    const releaser = createReleaser(document, { released() {}, allowed: () => allowed });
    const done = releaser.release([external!, inline!]);
    await Promise.resolve();
    // The copy of the external script is in place, still loading (jsdom never loads it).
    const copy = document.body.querySelector('script:not([type])') as HTMLScriptElement;
    expect(copy.getAttribute('src')).toBe('https://t.example/a.js');
    allowed = false;
    releaser.recheck();
    await done;
    // Stopped and replaced by its inert original; the inline one never went live.
    expect(copy.ownerDocument).not.toBe(document);
    expect([...document.body.children]).toEqual([external, inline]);
    expect(inline!.getAttribute('type')).toBe('text/plain');
  });

  it("forwards the copy's load to the page's element once, without copying its handler attributes", async () => {
    const [original] = inert('<script type="text/plain" data-consent="analytics" src="https://t.example/a.js" onload="void 0"></script>');
    const events: string[] = [];
    original!.addEventListener('load', (event) => events.push(`${event.type}:${event.target === original}`));
    const releaser = createReleaser(document, { released() {}, allowed: () => true });
    void releaser.release([original!]);
    await Promise.resolve();
    const copy = document.body.querySelector('script:not([type])') as HTMLScriptElement;
    expect(copy.hasAttribute('onload')).toBe(false);
    copy.dispatchEvent(new Event('load'));
    copy.dispatchEvent(new Event('load'));
    expect(events).toEqual(['load:true']);
  });
});
