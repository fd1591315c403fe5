import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText, type MdBlock } from '../../../widget/src/markdown/markdown-tree.js';
import { safeHref } from '../../../widget/src/markdown/safe-link.js';

const text = (value: string) => ({ kind: 'text', text: value }) as const;

describe('parseMarkdown: tokens to the safe tree', () => {
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
      { kind: 'paragraph', children: [text('Hi '), text('<img src=x onerror=alert(1)>'), text(' '), text('logo')] },
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
