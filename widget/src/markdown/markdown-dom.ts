import { parseMarkdown, type MdBlock, type MdInline } from './markdown-tree.js';

/** What a target shows: one DOM node per top-level block, keyed by the block's content. */
interface Rendered {
  keys: string[];
  nodes: Node[];
}

const renderedIn = new WeakMap<Element, Rendered>();

/**
 * Renders `text` as Markdown into `target`, built with `createElement` and `textContent` only. Called
 * again with a longer text (a streaming reply), it keeps every block whose content is unchanged and
 * rebuilds only from the first block that changed, normally the last, unfinished one: what was already
 * shown does not flicker or reflow.
 */
export function renderMarkdown(target: Element, text: string): void {
  const blocks = parseMarkdown(text);
  const keys = blocks.map((block) => JSON.stringify(block));
  const previous = renderedIn.get(target) ?? { keys: [], nodes: [] };
  if (!renderedIn.has(target)) target.replaceChildren();
  let same = 0;
  while (same < keys.length && same < previous.keys.length && keys[same] === previous.keys[same]) same++;
  for (const node of previous.nodes.slice(same)) target.removeChild(node);
  const nodes = previous.nodes.slice(0, same);
  for (const block of blocks.slice(same)) {
    // A top-level node must stay addressable for the next update, so loose inline text gets a paragraph.
    const node = buildBlock(block.kind === 'inline' ? { kind: 'paragraph', children: block.children } : block);
    target.appendChild(node);
    nodes.push(node);
  }
  renderedIn.set(target, { keys, nodes });
}

/** One block as DOM. Exported for the console, which renders whole messages. */
export function buildBlock(block: MdBlock): Node {
  switch (block.kind) {
    case 'paragraph':
      return withInlines(document.createElement('p'), block.children);
    case 'heading': {
      // Headings inside a chat bubble would be out of scale: a bold paragraph reads the same.
      const paragraph = document.createElement('p');
      paragraph.appendChild(withInlines(document.createElement('strong'), block.children));
      return paragraph;
    }
    case 'inline':
      return withInlines(document.createDocumentFragment(), block.children);
    case 'code': {
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      code.textContent = block.text;
      pre.appendChild(code);
      return pre;
    }
    case 'list': {
      const list = document.createElement(block.ordered ? 'ol' : 'ul');
      if (block.ordered && block.start !== 1) list.setAttribute('start', String(block.start));
      for (const item of block.items) {
        const li = document.createElement('li');
        for (const child of item) li.appendChild(buildBlock(child));
        list.appendChild(li);
      }
      return list;
    }
    case 'quote': {
      const quote = document.createElement('blockquote');
      for (const child of block.children) quote.appendChild(buildBlock(child));
      return quote;
    }
    case 'rule':
      return document.createElement('hr');
  }
}

function withInlines<T extends Node>(parent: T, children: readonly MdInline[]): T {
  for (const child of children) parent.appendChild(buildInline(child));
  return parent;
}

function buildInline(node: MdInline): Node {
  switch (node.kind) {
    case 'text':
      return document.createTextNode(node.text);
    case 'br':
      return document.createElement('br');
    case 'code': {
      const code = document.createElement('code');
      code.textContent = node.text;
      return code;
    }
    case 'link': {
      const link = document.createElement('a');
      link.href = node.href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      return withInlines(link, node.children);
    }
    case 'span':
      return withInlines(document.createDocumentFragment(), node.children);
    case 'strong':
    case 'em':
    case 'del':
      return withInlines(
        document.createElement(node.kind === 'strong' ? 'strong' : node.kind === 'em' ? 'em' : 's'),
        node.children,
      );
  }
}
