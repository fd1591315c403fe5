/**
 * The safe subset of Markdown as a small, DOM-free tree, parsed by the widget itself
 * (`markdown-tree.ts` for blocks, `markdown-inline.ts` for inline text): there is no HTML anywhere on the way, raw HTML stays
 * literal text and unsafe links become their text, so nothing in a reply can reach the page as markup.
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
