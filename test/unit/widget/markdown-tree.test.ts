import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText, type MdBlock } from '../../../widget/src/markdown/markdown-tree.js';
import { safeHref } from '../../../widget/src/markdown/safe-link.js';

const text = (value: string) => ({ kind: 'text', text: value }) as const;

describe('parseMarkdown: text to the safe tree', () => {
  it('maps paragraphs, line breaks, bold, italic, strike-through and inline code', () => {
    expect(parseMarkdown('Hello **bold** and *it*\nnext `a<b>` ~~old~~\n\nSecond')).toEqual<MdBlock[]>([
      {
        kind: 'paragraph',
        children: [
          text('Hello '),
          { kind: 'strong', children: [text('bold')] },
          text(' and '),
          { kind: 'em', children: [text('it')] },
          { kind: 'br' },
          text('next '),
          { kind: 'code', text: 'a<b>' },
          text(' '),
          { kind: 'del', children: [text('old')] },
        ],
      },
      { kind: 'paragraph', children: [text('Second')] },
    ]);
  });

  it('maps ordered lists with their start, unordered lists and code blocks', () => {
    expect(parseMarkdown('3. one\n4. **two**\n\n- a\n- b\n\n```js\nlet x = "<b>";\n```')).toEqual<MdBlock[]>([
      {
        kind: 'list',
        ordered: true,
        start: 3,
        items: [
          [{ kind: 'inline', children: [text('one')] }],
          [{ kind: 'inline', children: [{ kind: 'strong', children: [text('two')] }] }],
        ],
      },
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [[{ kind: 'inline', children: [text('a')] }], [{ kind: 'inline', children: [text('b')] }]],
      },
      { kind: 'code', text: 'let x = "<b>";' },
    ]);
  });

  it('keeps http(s) and mailto links, bare URLs and e-mail addresses; other schemes become their text', () => {
    const [paragraph] = parseMarkdown(
      '[shop](https://example.com/a?b=1) [js](javascript:alert(1)) [data](data:text/html,x) [rel](/help) [mail](mailto:help@example.com) https://example.org',
    );
    expect(paragraph).toEqual({
      kind: 'paragraph',
      children: [
        { kind: 'link', href: 'https://example.com/a?b=1', children: [text('shop')] },
        text(' '),
        { kind: 'span', children: [text('js')] },
        text(' '),
        { kind: 'span', children: [text('data')] },
        text(' '),
        { kind: 'span', children: [text('rel')] },
        text(' '),
        { kind: 'link', href: 'mailto:help@example.com', children: [text('mail')] },
        text(' '),
        { kind: 'link', href: 'https://example.org/', children: [text('https://example.org')] },
      ],
    });
  });

  it('turns raw HTML, inline and block, into literal text and images into their alt text', () => {
    expect(parseMarkdown('Hi <img src=x onerror=alert(1)> ![logo](https://x.test/a.png)')).toEqual([
      { kind: 'paragraph', children: [text('Hi <img src=x onerror=alert(1)> logo')] },
    ]);
    expect(parseMarkdown('<script>alert(1)</script>')).toEqual([
      { kind: 'paragraph', children: [text('<script>alert(1)</script>')] },
    ]);
  });

  it('shows an unfinished bold marker as text while streaming, then as bold once closed', () => {
    expect(parseMarkdown('Open **Sett')).toEqual([{ kind: 'paragraph', children: [text('Open **Sett')] }]);
    expect(parseMarkdown('Open **Settings**')).toEqual([
      { kind: 'paragraph', children: [text('Open '), { kind: 'strong', children: [text('Settings')] }] },
    ]);
  });

  it('leaves earlier blocks identical as the text grows, so only the last block is re-rendered', () => {
    const reply = 'Here is how:\n\n1. Open **Settings**\n2. Choose *Security*\n\nDone.';
    let previous: string[] = [];
    for (let end = 1; end <= reply.length; end++) {
      const keys = parseMarkdown(reply.slice(0, end)).map((block) => JSON.stringify(block));
      // Every block but the previous last one is unchanged.
      for (let i = 0; i < Math.min(keys.length, previous.length) - 1; i++) expect(keys[i]).toBe(previous[i]);
      previous = keys;
    }
  });

  it('nests lists by indentation; blank lines between items make a list loose (paragraphs)', () => {
    expect(parseMarkdown('- a\n  - b\n  - c\n- d')).toEqual<MdBlock[]>([
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          [
            { kind: 'inline', children: [text('a')] },
            {
              kind: 'list',
              ordered: false,
              start: 1,
              items: [[{ kind: 'inline', children: [text('b')] }], [{ kind: 'inline', children: [text('c')] }]],
            },
          ],
          [{ kind: 'inline', children: [text('d')] }],
        ],
      },
    ]);
    expect(parseMarkdown('1. one\n\n2. two\n   more')).toEqual<MdBlock[]>([
      {
        kind: 'list',
        ordered: true,
        start: 1,
        items: [
          [{ kind: 'paragraph', children: [text('one')] }],
          [{ kind: 'paragraph', children: [text('two'), { kind: 'br' }, text('more')] }],
        ],
      },
    ]);
    // A new marker kind starts a new list; a paragraph is interrupted only by a bullet or "1.".
    expect(parseMarkdown('1) a\n2. b').map((block) => block.kind)).toEqual(['list', 'list']);
    expect(parseMarkdown('Call us on\n2. May')).toEqual([
      { kind: 'paragraph', children: [text('Call us on'), { kind: 'br' }, text('2. May')] },
    ]);
  });

  it('maps headings, rules, block quotes and fenced code (an unclosed fence runs to the end)', () => {
    expect(parseMarkdown('## Steps ##\n#hashtag\n\n---\n> quoted **text**\n> more\n\n~~~\ncode\n  still')).toEqual<MdBlock[]>([
      { kind: 'heading', children: [text('Steps')] },
      { kind: 'paragraph', children: [text('#hashtag')] },
      { kind: 'rule' },
      {
        kind: 'quote',
        children: [
          {
            kind: 'paragraph',
            children: [text('quoted '), { kind: 'strong', children: [text('text')] }, { kind: 'br' }, text('more')],
          },
        ],
      },
      { kind: 'code', text: 'code\n  still' },
    ]);
  });

  it('handles escapes, code spans, nested emphasis, snake_case and URLs the way GitHub does', () => {
    const inline = (markdown: string) => (parseMarkdown(markdown)[0] as { children: unknown[] }).children;
    expect(inline('\\*not em\\* and `` a`b `` and ***both***')).toEqual([
      text('*not em* and '),
      { kind: 'code', text: 'a`b' },
      text(' and '),
      { kind: 'strong', children: [{ kind: 'em', children: [text('both')] }] },
    ]);
    expect(inline('my_file_name and _em_ and *a **b** c* and `**x**`')).toEqual([
      text('my_file_name and '),
      { kind: 'em', children: [text('em')] },
      text(' and '),
      { kind: 'em', children: [text('a '), { kind: 'strong', children: [text('b')] }, text(' c')] },
      text(' and '),
      { kind: 'code', text: '**x**' },
    ]);
    expect(
      inline(
        'See https://example.com/a_(b). Or <https://x.test/y> or mail ana@example.com, [https://e.test](https://e.test "t")',
      ),
    ).toEqual([
      text('See '),
      { kind: 'link', href: 'https://example.com/a_(b)', children: [text('https://example.com/a_(b)')] },
      text('. Or '),
      { kind: 'link', href: 'https://x.test/y', children: [text('https://x.test/y')] },
      text(' or mail '),
      { kind: 'link', href: 'mailto:ana@example.com', children: [text('ana@example.com')] },
      text(', '),
      // A URL inside a link's text is not linked again.
      { kind: 'link', href: 'https://e.test/', children: [text('https://e.test')] },
    ]);
    expect(inline('2 * 3 * 4 and a ~single~ tilde\r\nnext')).toEqual([
      text('2 * 3 * 4 and a ~single~ tilde'),
      { kind: 'br' },
      text('next'),
    ]);
  });

  it('plainText gives the visible text of an inline', () => {
    expect(plainText({ kind: 'strong', children: [text('a'), { kind: 'br' }, { kind: 'code', text: 'b' }] })).toBe('a\nb');
  });
});

describe('safeHref', () => {
  it('accepts only absolute http, https and mailto URLs', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTP://EXAMPLE.com/x')).toBe('http://example.com/x');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<b>',
      'vbscript:x',
      '/relative',
      '//evil.test',
      'file:///etc/passwd',
    ]) {
      expect(safeHref(bad)).toBeUndefined();
    }
  });
});

describe('parseMarkdown on hostile or odd input', () => {
  const links = (blocks: readonly MdBlock[]): string[] => {
    const found: string[] = [];
    const inline = (node: unknown): void => {
      const value = node as { kind: string; href?: string; children?: unknown[] };
      if (value.kind === 'link') found.push(value.href!);
      value.children?.forEach(inline);
    };
    const block = (node: MdBlock): void => {
      if (node.kind === 'list') node.items.forEach((item) => item.forEach(block));
      else if (node.kind === 'quote') node.children.forEach(block);
      else if ('children' in node) node.children.forEach(inline);
    };
    blocks.forEach(block);
    return found;
  };

  it('never throws, and every link it makes is an http(s) or mailto URL, on random Markdown-ish text', () => {
    const alphabet = [
      '*',
      '_',
      '~',
      '`',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '!',
      '\\',
      '\n',
      ' ',
      '-',
      '1.',
      '#',
      'a',
      'b',
      'https://x.test',
      'javascript:',
      '@',
      'c.d',
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 3000; run++) {
      const text = Array.from({ length: Math.floor(random() * 60) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
      for (const href of links(parseMarkdown(text))) expect(safeHref(href)).toBe(href);
    }
  });

  it('stays linear on unclosed delimiters and bounded on deep nesting', () => {
    const started = performance.now();
    for (const text of ['**a '.repeat(5000), '_a '.repeat(7000), '[a '.repeat(7000) + ']', '`a '.repeat(7000)])
      parseMarkdown(text);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(() => parseMarkdown('> '.repeat(20_000) + 'deep')).not.toThrow();
    expect(() => parseMarkdown(`${'*_'.repeat(10_000)}x${'_*'.repeat(10_000)}`)).not.toThrow();
    expect(() => parseMarkdown(Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'))).not.toThrow();
  });
});
