import { Lexer, type Token, type Tokens } from 'marked';
import { safeHref } from './safe-link.js';

/**
 * The safe subset of Markdown as a small, DOM-free tree. Built from `marked`'s lexer tokens only (never
 * its HTML renderer): raw HTML becomes literal text and unsafe links become their text, so nothing in a
 * reply can reach the page as markup.
 */
export type MdInline =
  | { kind: 'text'; text: string }
  /** `span` groups inlines without markup of its own (the text of an unsafe link). */
  | { kind: 'strong' | 'em' | 'del' | 'span'; children: MdInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'br' }
  | { kind: 'link'; href: string; children: MdInline[] };

export type MdBlock =
  | { kind: 'paragraph' | 'heading'; children: MdInline[] }
  /** The text of a tight list item: inline content without a paragraph around it. */
  | { kind: 'inline'; children: MdInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: MdBlock[][] }
  | { kind: 'quote'; children: MdBlock[] }
  | { kind: 'rule' };

const OPTIONS = { gfm: true, breaks: true } as const;

/** Top-level blocks of `text`, in order. Pure: the same text always gives the same tree. */
export function parseMarkdown(text: string): MdBlock[] {
  return blocks(new Lexer(OPTIONS).lex(text));
}

function blocks(tokens: readonly Token[]): MdBlock[] {
  const result: MdBlock[] = [];
  for (const token of tokens) {
    const block = toBlock(token);
    if (block) result.push(block);
  }
  return result;
}

function toBlock(token: Token): MdBlock | undefined {
  switch (token.type) {
    case 'space':
    case 'def':
      return undefined;
    case 'paragraph':
      return { kind: 'paragraph', children: inlines((token as Tokens.Paragraph).tokens) };
    case 'heading':
      return { kind: 'heading', children: inlines((token as Tokens.Heading).tokens) };
    case 'text': {
      const text = token as Tokens.Text;
      return { kind: 'inline', children: text.tokens ? inlines(text.tokens) : [{ kind: 'text', text: text.text }] };
    }
    case 'code':
      return { kind: 'code', text: (token as Tokens.Code).text };
    case 'blockquote':
      return { kind: 'quote', children: blocks((token as Tokens.Blockquote).tokens) };
    case 'hr':
      return { kind: 'rule' };
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return { kind: 'list', ordered: list.ordered, start, items: list.items.map((item) => blocks(item.tokens)) };
    }
    default:
      // Raw HTML, tables and anything newer: shown as the literal source text.
      return { kind: 'paragraph', children: [{ kind: 'text', text: token.raw.trim() }] };
  }
}

function inlines(tokens: readonly Token[] | undefined): MdInline[] {
  return (tokens ?? []).map(toInline);
}

function toInline(token: Token): MdInline {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? { kind: 'span', children: inlines(text.tokens) } : { kind: 'text', text: text.text };
    }
    case 'escape':
      return { kind: 'text', text: (token as Tokens.Escape).text };
    case 'strong':
    case 'em':
    case 'del':
      return { kind: token.type, children: inlines((token as Tokens.Strong).tokens) };
    case 'codespan':
      return { kind: 'code', text: (token as Tokens.Codespan).text };
    case 'br':
      return { kind: 'br' };
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      const children = inlines(link.tokens);
      return href ? { kind: 'link', href, children } : { kind: 'span', children };
    }
    case 'image':
      // Images are not part of the subset: the alt text stands in, and no request is ever made.
      return { kind: 'text', text: (token as Tokens.Image).text };
    default:
      // Inline HTML (`<img src=x onerror=...>`) and anything unknown: literal text.
      return { kind: 'text', text: token.raw };
  }
}

/** The visible text of an inline, for places where its formatting is dropped. */
export function plainText(node: MdInline): string {
  switch (node.kind) {
    case 'text':
    case 'code':
      return node.text;
    case 'br':
      return '\n';
    default:
      return node.children.map(plainText).join('');
  }
}
