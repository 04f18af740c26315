/**
 * What the HTML parser's tree builder tells its tokenizer, without building a
 * tree (HTML §13.2.6): after `<script>` the tokenizer reads script data, after
 * `<style>`, `<iframe>`, `<noscript>` (scripting on, as in every browser that
 * runs the SDK)… raw text, after `<title>`/`<textarea>` RCDATA; inside SVG and
 * MathML it reads CDATA sections, and `script`/`image` there are foreign
 * elements, not HTML ones. The namespace is tracked as parse5-sax-parser's
 * feedback simulator does (a stack, entered by `<svg>`/`<math>` and the
 * integration points, left by their end tags and by the HTML tags that break
 * out of foreign content), using parse5's own tables.
 */
import { foreignContent, html, TokenizerMode, type Token, type Tokenizer } from 'parse5';

const $ = html.TAG_ID;
const { NS } = html;

export class ParserFeedback {
  /** Innermost namespace first. */
  private readonly namespaces: html.NS[] = [NS.HTML];
  inForeignContent = false;

  constructor(private readonly tokenizer: Tokenizer) {}

  private enter(namespace: html.NS): void {
    this.namespaces.unshift(namespace);
    this.update();
  }

  private leave(): void {
    this.namespaces.shift();
    this.update();
  }

  private update(): void {
    this.inForeignContent = this.namespaces[0] !== NS.HTML;
    // The tokenizer reads <![CDATA[ as a section only in foreign content.
    this.tokenizer.inForeignNode = this.inForeignContent;
  }

  /** Before the start tag is handled: the namespace it opens or leaves, and the tokenizer's next state. */
  startTag(token: Token.TagToken): void {
    let id = token.tagID;
    if (id === $.SVG) this.enter(NS.SVG);
    else if (id === $.MATH) this.enter(NS.MATHML);
    if (this.inForeignContent) {
      if (foreignContent.causesExit(token)) this.leave();
      else {
        const namespace = this.namespaces[0]!;
        // SVG names are case-sensitive (foreignObject): the tag as the tree builder names it.
        if (namespace === NS.SVG) foreignContent.adjustTokenSVGTagName(token);
        id = token.tagID;
        if (!token.selfClosing && foreignContent.isIntegrationPoint(id, namespace, token.attrs)) this.enter(NS.HTML);
      }
      return;
    }
    switch (id) {
      case $.IMAGE:
        // "An image start tag: parse error. Change the token's tag name to img and reprocess it."
        token.tagName = html.TAG_NAMES.IMG;
        token.tagID = $.IMG;
        break;
      case $.TEXTAREA:
      case $.TITLE:
        this.tokenizer.state = TokenizerMode.RCDATA;
        break;
      case $.PLAINTEXT:
        this.tokenizer.state = TokenizerMode.PLAINTEXT;
        break;
      case $.SCRIPT:
        this.tokenizer.state = TokenizerMode.SCRIPT_DATA;
        break;
      case $.STYLE:
      case $.IFRAME:
      case $.XMP:
      case $.NOEMBED:
      case $.NOFRAMES:
      case $.NOSCRIPT:
        this.tokenizer.state = TokenizerMode.RAWTEXT;
        break;
      default:
    }
  }

  /** Before the end tag is handled: the namespace it closes. */
  endTag(token: Token.TagToken): void {
    let id = token.tagID;
    if (!this.inForeignContent) {
      const outer = this.namespaces[1];
      if (outer === NS.SVG) {
        const adjusted = foreignContent.SVG_TAG_NAMES_ADJUSTMENT_MAP.get(token.tagName);
        if (adjusted) id = html.getTagID(adjusted);
      }
      // The end of an integration point (</foreignObject>, </mtext>…) returns to its foreign namespace.
      if (outer !== undefined && foreignContent.isIntegrationPoint(id, outer, token.attrs)) this.leave();
    } else if ((id === $.SVG && this.namespaces[0] === NS.SVG) || (id === $.MATH && this.namespaces[0] === NS.MATHML)) {
      this.leave();
    }
  }
}
