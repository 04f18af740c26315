/**
 * The run tokenizer is parse5's tokenizer taking runs of ordinary characters
 * in one step: it must give the tokens parse5's own tokenizer gives, with the
 * same source locations (line, column, offset, each attribute's), on any
 * input and at any split. Text is compared as one span per run of text
 * tokens (the run tokenizer does not split whitespace from the rest; see its
 * header), with the same characters and the same start and end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Tokenizer, type Token, type TokenHandler } from 'parse5';
import { describe, expect, it } from 'vitest';
import { realLookingPage } from '../../bench/markup.mjs';
import * as vendor from './fixtures/vendor-snippets.js';
import { ParserFeedback } from './parser-feedback.js';
import { RunTokenizer } from './run-tokenizer.js';

type Seen = unknown[];

type Make = (handler: TokenHandler) => Tokenizer;
const stock: Make = (handler) => new Tokenizer({ sourceCodeLocationInfo: true }, handler);
const run: Make = (handler) => new RunTokenizer({ sourceCodeLocationInfo: true }, handler);
/** Lean, as the rewriter runs it: no text built, attribute locations for a few tags only. */
const LOCATED = new Set(['img', 'script', 'iframe', 'image']);
const lean: Make = (handler) => new RunTokenizer({ sourceCodeLocationInfo: true }, handler, { text: false, attributeLocations: (name) => LOCATED.has(name) });

/**
 * Every token of `html` fed in `chunks`, text merged into spans, with the tree
 * builder's feedback. `strip`: without what a lean tokenizer leaves out (text,
 * comment data, the attribute locations of tags other than LOCATED).
 */
function tokens(make: Make, chunks: readonly string[], strip = false): Seen {
  const seen: Seen = [];
  let text: { type: string; chars: string; location: Token.Location } | undefined;
  const endText = () => {
    if (text) seen.push(text);
    text = undefined;
  };
  const onText = (type: string) => (token: Token.CharacterToken) => {
    const location = { ...token.location! };
    const chars = strip ? '' : token.chars;
    if (text && text.type === type && text.location.endOffset === location.startOffset) {
      text.chars += chars;
      text.location = { ...text.location, endLine: location.endLine, endCol: location.endCol, endOffset: location.endOffset };
    } else {
      endText();
      text = { type, chars, location };
    }
  };
  const handler: TokenHandler = {
    onStartTag(token) {
      endText();
      const location = { ...token.location! };
      if (strip && !LOCATED.has(token.tagName)) delete location.attrs;
      feedback.startTag(token);
      seen.push({ start: token.tagName, attrs: token.attrs.map((a) => [a.name, a.value]), selfClosing: token.selfClosing, location, foreign: feedback.inForeignContent });
    },
    onEndTag(token) {
      endText();
      feedback.endTag(token);
      seen.push({ end: token.tagName, location: token.location });
    },
    onComment(token) {
      endText();
      seen.push({ comment: strip ? '' : token.data, location: token.location });
    },
    onDoctype(token) {
      endText();
      seen.push({ doctype: token.name, publicId: token.publicId, systemId: token.systemId, forceQuirks: token.forceQuirks, location: token.location });
    },
    onCharacter: onText('text'),
    onWhitespaceCharacter: onText('text'),
    onNullCharacter: onText('null'),
    onEof(token) {
      endText();
      seen.push({ eof: token.location });
    },
    onParseError: null,
  };
  const tokenizer = make(handler);
  const feedback = new ParserFeedback(tokenizer);
  for (const chunk of chunks) tokenizer.write(chunk, false);
  tokenizer.write('', true);
  return seen;
}

const same = (chunks: readonly string[]) => {
  expect(tokens(run, chunks)).toEqual(tokens(stock, chunks));
  expect(tokens(lean, chunks, true)).toEqual(tokens(stock, chunks, true));
};

/** Splits `html` into chunks of `size` code units (a split may fall inside a surrogate pair, a CRLF, a tag). */
const split = (html: string, size: number) => Array.from({ length: Math.ceil(html.length / size) }, (_, i) => html.slice(i * size, (i + 1) * size));

/** A deterministic generator of nasty markup: the pieces each state treats specially, in random order. */
function fuzz(seed: number, length: number): string {
  const pieces = [
    '<', '>', '/', '=', '"', "'", '&', '&amp;', '&lt', '&#x41;', '&#0;', '&notit;', '-', '--', '<!--', '-->', '--!>', '<!', '<!DOCTYPE html>', '<![CDATA[', ']]>',
    '\r\n', '\r', '\n', '\t', '\f', ' ', '\0', '\uD83D\uDE00', '\uD83D', '\uDE00', 'é', 'x', 'ABC', 'abc', 'data-x', '<p>', '</p>', '<P CLASS=A>',
    '<script>', '</script>', '<script src="https://connect.facebook.net/x.js">', '</SCRIPT >', '<style>', '</style>', '<title>', '</title>', '<textarea>', '</textarea>',
    '<svg>', '</svg>', '<math>', '</math>', '<foreignObject>', '</foreignObject>', '<mtext>', '<noscript>', '</noscript>', '<plaintext>', '<iframe>', '</iframe>',
    '<img src=x alt="a b" ', '<a href=\'q\'>', '<br/>', '<div a b=c d="e" f=\'g\'>', '<xmp>', '</xmp>', '<template>', '</template>', '<!-- c -->', '<?pi?>',
  ];
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: the same pages on every run.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  let html = '';
  while (html.length < length) html += pieces[next() % pieces.length];
  return html;
}

const fixtures = new URL('../../test/fixtures/', import.meta.url);
const pages = readdirSync(fixtures)
  .filter((name) => name.endsWith('.html'))
  .map((name) => [name, readFileSync(new URL(name, fixtures), 'utf8')] as const);

describe('the run tokenizer gives parse5’s tokens, with their source locations', () => {
  it.each(pages)('test page %s, whole and in chunks of 1, 7, 64 and 4096', (_, html) => {
    for (const size of [html.length || 1, 1, 7, 64, 4096]) same(split(html, size));
  });

  it('vendor snippets, split at every position', () => {
    const html = Object.values(vendor).filter((v) => typeof v === 'string').join('\n');
    for (let at = 0; at <= html.length; at += 3) same([html.slice(0, at), html.slice(at)]);
  }, 60_000);

  it('generated markup full of the characters each state treats specially, at many splits', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const html = fuzz(seed, 600);
      same([html]);
      for (const size of [1, 2, 3, 5, 13, 100]) same(split(html, size));
    }
  }, 120_000);

  it('a 1 MB page and long runs past parse5’s 64 KB buffer waterline, whole and in chunks', () => {
    const long = `<p>${'texte sans balise, '.repeat(12_000)}</p><!--${'c'.repeat(150_000)}--><div title="${'v'.repeat(150_000)}"><script>${'var a = 1;\n'.repeat(15_000)}</script>`;
    for (const html of [realLookingPage(), long]) {
      for (const size of [html.length, 65_536, 10_007]) same(split(html, size));
    }
  }, 120_000);

  it('ends a long text where parse5 would drop the parsed input, so memory stays bounded', () => {
    const lengths: number[] = [];
    const noop = () => {};
    const tokenizer = new RunTokenizer({ sourceCodeLocationInfo: true }, {
      onCharacter: (token) => void lengths.push(token.chars.length),
      onWhitespaceCharacter: (token) => void lengths.push(token.chars.length),
      onNullCharacter: noop, onStartTag: noop, onEndTag: noop, onComment: noop, onDoctype: noop, onEof: noop, onParseError: null,
    });
    tokenizer.write(`${'a b '.repeat(250_000)}`, true);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(65_537);
  });

  it('checks its input as parse5 does only without a parse-error handler: it refuses one', () => {
    const noop = () => {};
    expect(() => new RunTokenizer({}, { onCharacter: noop, onWhitespaceCharacter: noop, onNullCharacter: noop, onStartTag: noop, onEndTag: noop, onComment: noop, onDoctype: noop, onEof: noop, onParseError: noop })).toThrow(/onParseError/);
  });
});
