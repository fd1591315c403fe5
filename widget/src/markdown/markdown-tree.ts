import { parseInline } from './markdown-inline.js';
import type { MdBlock, MdInline } from './markdown-nodes.js';

export type { MdBlock, MdInline } from './markdown-nodes.js';

/** Top-level blocks of `text`, in order. Pure: the same text always gives the same tree. */
export function parseMarkdown(text: string): MdBlock[] {
  return parseBlocks(text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n'));
}

/** Deepest nesting of quotes and lists (and, in markdown-inline.ts, of emphasis) that is parsed. */
export const MAX_DEPTH = 12;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( +|$)(.*)$/;
/** Only these list items may end a paragraph without a blank line (CommonMark: "1." and bullets with text). */
const INTERRUPTING_ITEM = /^ {0,3}(?:[-*+]|1[.)]) +\S/;

const blank = (line: string) => line.trim() === '';
const indentOf = (line: string) => line.length - line.trimStart().length;
const startsBlock = (line: string) =>
  FENCE.test(line) || RULE.test(line) || HEADING.test(line) || QUOTE.test(line) || INTERRUPTING_ITEM.test(line);

/**
 * Blocks: fenced code (an unclosed fence runs to the end, as while streaming), rules, ATX headings,
 * block quotes, ordered and unordered lists (nested by indentation; tight items hold inline text),
 * paragraphs. Indented code and setext headings are not part of the subset: they read as paragraphs.
 */
function parseBlocks(lines: readonly string[], depth = 0): MdBlock[] {
  // Quotes and lists nest by recursion: past a depth no reply needs, the rest is plain text.
  if (depth > MAX_DEPTH) return [{ kind: 'paragraph', children: [{ kind: 'text', text: lines.join('\n').trim() }] }];
  const blocks: MdBlock[] = [];
  let at = 0;
  while (at < lines.length) {
    const line = lines[at]!;
    const fence = FENCE.exec(line)?.[1];
    if (blank(line)) {
      at++;
    } else if (fence) {
      const indent = indentOf(line);
      const body: string[] = [];
      const closing = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}[ \\t]*$`);
      for (at++; at < lines.length && !closing.test(lines[at]!); at++)
        body.push(lines[at]!.replace(new RegExp(`^ {0,${indent}}`), ''));
      at++;
      blocks.push({ kind: 'code', text: body.join('\n') });
    } else if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      at++;
    } else if (HEADING.test(line)) {
      blocks.push({ kind: 'heading', children: parseInline(HEADING.exec(line)![1]!) });
      at++;
    } else if (QUOTE.test(line)) {
      const body: string[] = [];
      for (; at < lines.length && QUOTE.test(lines[at]!); at++) body.push(lines[at]!.replace(QUOTE, ''));
      blocks.push({ kind: 'quote', children: parseBlocks(body, depth + 1) });
    } else if (LIST_ITEM.test(line)) {
      at = parseList(lines, at, blocks, depth);
    } else {
      const body = [line.trim()];
      for (at++; at < lines.length && !blank(lines[at]!) && !startsBlock(lines[at]!); at++) body.push(lines[at]!.trim());
      blocks.push({ kind: 'paragraph', children: parseInline(body.join('\n')) });
    }
  }
  return blocks;
}

/** One list from `start` (items of the same kind: bullets, `1.` or `1)`); returns the line after it. */
function parseList(lines: readonly string[], start: number, blocks: MdBlock[], depth: number): number {
  const first = LIST_ITEM.exec(lines[start]!)!;
  const ordered = /\d/.test(first[2]!);
  const kind = (marker: string) => (ordered ? marker.slice(-1) : marker);
  const items: string[][] = [];
  let loose = false;
  let at = start;
  for (;;) {
    const item = LIST_ITEM.exec(lines[at]!)!;
    // Continuation lines are indented at least to the item's text; blank lines inside make the list loose.
    const indent = item[1]!.length + item[2]!.length + Math.max(1, item[3]!.length);
    const body = [item[4]!];
    for (at++; at < lines.length; at++) {
      const line = lines[at]!;
      if (blank(line)) {
        let next = at;
        while (next < lines.length && blank(lines[next]!)) next++;
        if (next === lines.length || indentOf(lines[next]!) < indent) break;
        loose = true;
        body.push('');
      } else if (indentOf(line) >= indent) {
        body.push(line.slice(indent));
      } else if (LIST_ITEM.test(line) || startsBlock(line)) {
        break;
      } else {
        // A lazy continuation of the item's paragraph.
        body.push(line.trim());
      }
    }
    items.push(body);
    let next = at;
    while (next < lines.length && blank(lines[next]!)) next++;
    const following = LIST_ITEM.exec(lines[next] ?? '');
    if (!following || /\d/.test(following[2]!) !== ordered || kind(following[2]!) !== kind(first[2]!)) break;
    if (next > at) loose = true;
    at = next;
  }
  blocks.push({
    kind: 'list',
    ordered,
    start: ordered ? Number(first[2]!.slice(0, -1)) : 1,
    items: items.map((body) => {
      const content = parseBlocks(body, depth + 1);
      // A tight list's items hold their text directly, without paragraphs.
      return loose
        ? content
        : content.map((block) => (block.kind === 'paragraph' ? { kind: 'inline', children: block.children } : block));
    }),
  });
  return at;
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
