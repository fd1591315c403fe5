import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function withoutFences(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** Fenced code blocks and inline code hold examples, not links. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** Every relative link `[text](target)` of a file: the file it names and the anchor, if any. */
function relativeLinks(markdown: string): Array<{ target: string; path: string; anchor: string | undefined }> {
  const links = [];
  for (const match of withoutCode(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    links.push({ target, path, anchor: anchor === undefined ? undefined : decodeURIComponent(anchor) });
  }
  return links;
}

/** The relative links of `doc` (a path from the repository root) whose file or heading is not there. */
function brokenLinks(doc: string, markdown: string): string[] {
  const broken: string[] = [];
  for (const link of relativeLinks(markdown)) {
    const file = link.path === '' ? join(ROOT, doc) : join(ROOT, dirname(doc), link.path);
    if (!existsSync(file)) {
      broken.push(`${link.target}: no ${relative(ROOT, file)}`);
      continue;
    }
    if (link.anchor === undefined || statSync(file).isDirectory() || !file.endsWith('.md')) continue;
    if (!anchorsOf(readFileSync(file, 'utf8')).has(link.anchor)) broken.push(`${link.target}: no such heading`);
  }
  return broken;
}

describe('links between the docs', () => {
  it.each(DOCS)('every relative link in %s names a file that exists, and a heading there', (doc) => {
    expect(brokenLinks(doc, readFileSync(join(ROOT, doc), 'utf8'))).toEqual([]);
  });

  it('reports a missing file and a missing heading, and skips code and absolute URLs', () => {
    const markdown = [
      '[a](deploy.md#redis-cluster) [b](gone.md) [c](deploy.md#no-such-part) [d](https://example.com/x.md)',
      '`[e](inline.md)`',
      '```',
      '[f](fenced.md)',
      '```',
    ].join('\n');
    expect(brokenLinks('docs/example.md', markdown)).toEqual([
      'gone.md: no docs/gone.md',
      'deploy.md#no-such-part: no such heading',
    ]);
  });

  it('finds the anchors GitHub makes', () => {
    const anchors = anchorsOf('# Redis Cluster\n## Graceful drain (SIGTERM)\n## `/metrics` and more\n## Redis Cluster\n');
    expect([...anchors]).toEqual(['redis-cluster', 'graceful-drain-sigterm', 'metrics-and-more', 'redis-cluster-1']);
  });
});
