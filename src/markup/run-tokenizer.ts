/**
 * parse5's tokenizer — the HTML standard's state machine, unchanged — taking
 * runs of ordinary characters in one step. The standard tokenizer reads one
 * code point per turn of its loop; where the state's only action for a code
 * point is "append it" (text, script and raw text, a quoted attribute value,
 * a comment, a tag or attribute name), this subclass scans ahead to the next
 * code point the state treats specially and appends the run at once, with the
 * same bookkeeping (position, line, the pending source run). Every special
 * code point (`<`, `&`, quotes, `-`, NUL, CR, surrogates, end of chunk) still
 * goes through parse5's own state method.
 *
 * One difference, on purpose: text is not split into whitespace and
 * non-whitespace tokens (parse5's grouping, which the tree builder needs for
 * whitespace-only text; the rewriter only needs where text lies). A long text
 * still ends a token where parse5 would drop the parsed input, so memory stays
 * bounded. A reader that takes text from the source by its location may also
 * leave text unbuilt (see Lean). run-tokenizer.test.ts holds this to parse5's
 * own tokenizer, token by token with source locations, on every test page and
 * at every split, lean or not.
 *
 * The members used are those parse5 exposes to subclasses (`protected`), plus
 * the preprocessor's line bookkeeping (typed below); parse5 is pinned to the
 * version the test checks.
 */
import { Token, Tokenizer, type TokenHandler, type TokenizerOptions } from 'parse5';

/** The preprocessor's fields the scan keeps in step (some private in parse5's types). */
interface Preprocessor {
  html: string;
  pos: number;
  line: number;
  lineStartPos: number;
  isEol: boolean;
  skipNextNewLine: boolean;
  bufferWaterline: number;
  willDropParsedChunk(): boolean;
  dropParsedChunk(): void;
}

/** Internals of the tokenizer (protected in parse5's types) that the scan reads and writes. */
interface Internals {
  consumedAfterSnapshot: number;
  runStart: number;
  runEnd: number;
  currentToken: { type: Token.TokenType; tagName: string } | null;
  currentAttr: { name: string; value: string };
  currentAttrLocation: Token.Location | null;
}

const { CHARACTER, NULL_CHARACTER, COMMENT: COMMENT_TOKEN } = Token.TokenType;

/** ASCII code points that end a run in a state: its special ones, and NUL and CR for all (NUL is replaced, CR read as LF). */
function stops(chars: string, extra: readonly number[] = []): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of [0, 13, ...extra]) table[c] = 1;
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}
const WHITESPACE = [9, 10, 12, 32];
const UPPER = Array.from({ length: 26 }, (_, i) => 65 + i);
const TEXT = stops('<&'); // data, RCDATA
const RAW = stops('<'); // script data, RAWTEXT
const PLAIN = stops('');
const DOUBLE_QUOTED = stops('"&');
const SINGLE_QUOTED = stops("'&");
const COMMENT = stops('-<');
// Names are lower-cased code point by code point: an upper-case letter ends the run.
const TAG_NAME = stops('/>', [...WHITESPACE, ...UPPER]);
const ATTRIBUTE_NAME = stops('/>="\'<', [...WHITESPACE, ...UPPER]);

/** `cp` took the state's default branch ("append"), so the run may continue after it. */
const appended = (cp: number, table: Uint8Array) => cp >= 128 || (cp >= 0 && table[cp] === 0);

/**
 * What a reader of the tokens does not need built: the text of character
 * tokens and comments (left `''`; the tokenizer never reads them, it only
 * appends), and the source locations of the attributes of tags it does not
 * look into. Tokens, their other fields and every other location are the same.
 */
export interface Lean {
  /** Build `chars` and comment `data`. @default true */
  readonly text?: boolean;
  /** Whether a start tag named so (lower case) gets its attributes' locations. @default every tag */
  readonly attributeLocations?: (tagName: string) => boolean;
}

export class RunTokenizer extends Tokenizer {
  private readonly text: boolean;
  private readonly attributeLocations: (tagName: string) => boolean;

  constructor(options: TokenizerOptions, handler: TokenHandler, lean: Lean = {}) {
    // A run skips the preprocessor's per-code-point checks, which only report parse errors.
    if (handler.onParseError) throw new Error('RunTokenizer: reports no parse errors (onParseError must be null)');
    super(options, handler);
    this.text = lean.text !== false;
    this.attributeLocations = lean.attributeLocations ?? (() => true);
  }

  /** parse5's, except that a run of text or comment is dropped, not appended, when they are not built. */
  protected override _flushRun(text: string): void {
    const token = (this as unknown as Internals).currentToken;
    if (this.text || (token !== null && token.type !== COMMENT_TOKEN)) return super._flushRun(text);
    (this as unknown as Internals).runStart = (this as unknown as Internals).runEnd;
  }

  /** parse5's, without the attribute's location where it is not wanted (the name and value are built as ever). */
  protected override _createAttr(attrNameFirstCh: string): void {
    this._flushRun('');
    const self = this as unknown as Internals;
    self.currentAttr = { name: attrNameFirstCh, value: '' };
    self.currentAttrLocation = this.attributeLocations(self.currentToken!.tagName) ? this.getCurrentLocation(0) : null;
  }

  /**
   * Consumes, after the current code point, every code point up to the next
   * one in `table` (or a surrogate, or the end of the chunk, or `limit`), as
   * the state's default branch would one by one; returns where it started.
   */
  private scan(table: Uint8Array, limit: number): number {
    const pre = this.preprocessor as unknown as Preprocessor;
    const from = pre.pos;
    // A CR was just read as LF: the LF after it is skipped by the preprocessor, not by a run.
    if (pre.skipNextNewLine) return from;
    const html = pre.html;
    const end = Math.min(html.length - 1, limit);
    let p = from;
    let { line, lineStartPos, isEol } = pre;
    while (p < end) {
      const c = html.charCodeAt(p + 1);
      if (c < 128 ? table[c] === 1 : c >= 0xd800 && c <= 0xdfff) break;
      p++;
      // Preprocessor.advance(): a line starts after the LF that ends the previous one.
      if (isEol) {
        isEol = false;
        line++;
        lineStartPos = p;
      }
      if (c === 10) isEol = true;
    }
    if (p !== from) {
      (this as unknown as Internals).consumedAfterSnapshot += p - from;
      pre.pos = p;
      pre.line = line;
      pre.lineStartPos = lineStartPos;
      pre.isEol = isEol;
    }
    return from;
  }

  /** Text: extends the pending run; stops where parse5 would drop the parsed input, so a text token ends there. */
  private scanText(cp: number, table: Uint8Array): void {
    if (!appended(cp, table)) return;
    const pre = this.preprocessor as unknown as Preprocessor;
    this.scan(table, pre.bufferWaterline);
    (this as unknown as Internals).runEnd = pre.pos + 1;
  }

  /** A quoted attribute value or a comment: extends the pending run. */
  private scanRun(cp: number, table: Uint8Array): void {
    if (!appended(cp, table)) return;
    this.scan(table, Infinity);
    (this as unknown as Internals).runEnd = this.preprocessor.pos + 1;
  }

  /** A tag or attribute name: appends the run (no upper case in it) to the name. */
  private scanName(cp: number, table: Uint8Array): string {
    if (!appended(cp, table)) return '';
    const from = this.scan(table, Infinity);
    return this.preprocessor.html.slice(from + 1, this.preprocessor.pos + 1);
  }

  /** Text is one token whether it is whitespace or not (see above); NUL stays apart, as the parser replaces it. */
  protected override _emitCodePoint(cp: number): void {
    const type = cp === 0 ? NULL_CHARACTER : CHARACTER;
    const token = this.currentCharacterToken;
    if (token === null || token.type !== type) this._ensureCharacterToken(type);
    else if (this.preprocessor.willDropParsedChunk()) {
      // What _ensureCharacterToken does when the type changes: end the token here, drop the parsed input.
      this.currentLocation = this.getCurrentLocation(0);
      this._emitCurrentCharacterToken(this.currentLocation);
      this.preprocessor.dropParsedChunk();
      this._createCharacterToken(type);
    }
    this._extendRun(cp);
  }

  protected override _stateData(cp: number): void {
    super._stateData(cp);
    this.scanText(cp, TEXT);
  }

  protected override _stateRcdata(cp: number): void {
    super._stateRcdata(cp);
    this.scanText(cp, TEXT);
  }

  protected override _stateRawtext(cp: number): void {
    super._stateRawtext(cp);
    this.scanText(cp, RAW);
  }

  protected override _stateScriptData(cp: number): void {
    super._stateScriptData(cp);
    this.scanText(cp, RAW);
  }

  protected override _statePlaintext(cp: number): void {
    super._statePlaintext(cp);
    this.scanText(cp, PLAIN);
  }

  protected override _stateAttributeValueDoubleQuoted(cp: number): void {
    super._stateAttributeValueDoubleQuoted(cp);
    this.scanRun(cp, DOUBLE_QUOTED);
  }

  protected override _stateAttributeValueSingleQuoted(cp: number): void {
    super._stateAttributeValueSingleQuoted(cp);
    this.scanRun(cp, SINGLE_QUOTED);
  }

  protected override _stateComment(cp: number): void {
    super._stateComment(cp);
    this.scanRun(cp, COMMENT);
  }

  protected override _stateTagName(cp: number): void {
    super._stateTagName(cp);
    const run = this.scanName(cp, TAG_NAME);
    if (run) (this as unknown as Internals).currentToken!.tagName += run;
  }

  protected override _stateAttributeName(cp: number): void {
    super._stateAttributeName(cp);
    const run = this.scanName(cp, ATTRIBUTE_NAME);
    if (run) (this as unknown as Internals).currentAttr.name += run;
  }
}
