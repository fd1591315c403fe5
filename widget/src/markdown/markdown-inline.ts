import type { MdInline } from './markdown-nodes.js';
import { safeHref } from './safe-link.js';

const PUNCTUATION = /[!-/:-@[-`{-~]/;
// Sticky: matched at a position (`lastIndex`), without copying the rest of the text.
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<]+/iy;
const BARE_EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/y;
const AUTOLINK = /<([a-z][a-z\d+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>/iy;
/** Where a bare URL or e-mail address may start: not inside a word. */
const URL_BOUNDARY = /[\s*_~(]/;
/** Emphasis nests by recursion: deeper than this, the rest is shown as typed. */
const MAX_INLINE_DEPTH = 12;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Inline Markdown (the safe subset) to a tree: `**strong**`, `*em*` / `_em_`, `~~del~~`, code spans,
 * links (`[text](url)`, `<url>`, bare URLs and e-mail addresses), backslash escapes, and every newline
 * a line break. Everything else, raw HTML included, stays literal text. A delimiter without its closing
 * partner (a reply still streaming) is shown as typed.
 */
export function parseInline(source: string, inLink = false, depth = 0): MdInline[] {
  if (depth > MAX_INLINE_DEPTH) return [{ kind: 'text', text: source }];
  const out: MdInline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  const emit = (node: MdInline) => {
    flush();
    out.push(node);
  };
  // A delimiter that found no closer from one position finds none from any later one either (its
  // candidates are a subset), so each kind of delimiter is searched for once: no quadratic blow-up.
  const unclosed = new Map<string, number>();
  let brackets: Map<number, number> | undefined;
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    const matchAt = (pattern: RegExp) => {
      pattern.lastIndex = at;
      return pattern.exec(source);
    };
    const previous = source[at - 1];
    if (char === '\\' && PUNCTUATION.test(source[at + 1] ?? '')) {
      text += source[at + 1];
      at += 2;
      continue;
    }
    if (char === '\n') {
      // Every newline is a break (GitHub-style chat text); spaces before it are not shown.
      text = text.trimEnd();
      emit({ kind: 'br' });
      at++;
      while (source[at] === ' ' || source[at] === '\t') at++;
      continue;
    }
    if (char === '`') {
      const fence = '`'.repeat(runAt(source, at));
      const close = findCodeClose(source, at + fence.length, fence);
      if (close >= 0) {
        let code = source.slice(at + fence.length, close).replace(/\n/g, ' ');
        if (/^ .*[^ ].* $/.test(code)) code = code.slice(1, -1);
        emit({ kind: 'code', text: code });
        at = close + fence.length;
      } else {
        text += fence;
        at += fence.length;
      }
      continue;
    }
    if (char === '*' || char === '_' || char === '~') {
      const run = runAt(source, at);
      const kind = `${char}${Math.min(run, 2)}`;
      const span = (unclosed.get(kind) ?? Infinity) < at ? undefined : emphasis(source, at, run, previous);
      if (span === null) unclosed.set(kind, at);
      if (span) {
        emit({ kind: span.kind, children: parseInline(span.inner, inLink, depth + 1) });
        at = span.end;
      } else {
        // An unclosed `**` is shown as typed, whole: its second star does not open an emphasis.
        text += source.slice(at, at + run);
        at += run;
      }
      continue;
    }
    if (char === '[' || (char === '!' && source[at + 1] === '[')) {
      const image = char === '!';
      brackets ??= matchingBrackets(source);
      const link = linkAt(source, image ? at + 1 : at, brackets);
      if (link) {
        if (image) {
          // Images are not part of the subset: the alt text stands in, and nothing is ever loaded.
          text += link.label;
        } else {
          const href = safeHref(link.destination);
          const children = parseInline(link.label, true, depth + 1);
          emit(href ? { kind: 'link', href, children } : { kind: 'span', children });
        }
        at = link.end;
        continue;
      }
    }
    if (char === '<' && !inLink) {
      const auto = matchAt(AUTOLINK);
      const href = auto && safeHref(auto[1]!.includes(':') ? auto[1]! : `mailto:${auto[1]}`);
      if (auto && href) {
        emit({ kind: 'link', href, children: [{ kind: 'text', text: auto[1]! }] });
        at += auto[0].length;
        continue;
      }
    }
    if (!inLink && (previous === undefined || URL_BOUNDARY.test(previous))) {
      const url = matchAt(BARE_URL)?.[0];
      const email = url ? undefined : matchAt(BARE_EMAIL)?.[0];
      const shown = url ? trimUrl(url) : email;
      const href = shown && safeHref(url ? (/^www\./i.test(shown) ? `http://${shown}` : shown) : `mailto:${shown}`);
      if (shown && href) {
        emit({ kind: 'link', href, children: [{ kind: 'text', text: shown }] });
        at += shown.length;
        continue;
      }
    }
    text += char;
    at++;
  }
  flush();
  return out;
}

function findCodeClose(source: string, from: number, fence: string): number {
  for (let at = source.indexOf(fence, from); at >= 0; at = source.indexOf(fence, at + 1)) {
    // The closing run must be exactly as long as the opening one.
    if (source[at - 1] !== '`' && source[at + fence.length] !== '`') return at;
  }
  return -1;
}

/**
 * A `**strong**`, `*em*`, `_em_`, `__strong__` or `~~del~~` span opened by the delimiter run at `at`
 * (`run` characters), up to its closing run; undefined when the run cannot open one here, null when
 * nothing after it closes one (yet).
 */
function emphasis(
  source: string,
  at: number,
  run: number,
  previous: string | undefined,
): { kind: 'strong' | 'em' | 'del'; inner: string; end: number } | undefined | null {
  const char = source[at]!;
  if (char === '~' && run !== 2) return undefined;
  const size = run >= 2 ? 2 : 1;
  const after = source[at + run];
  // An opener is followed by text, not a space; `_` only opens at the start of a word (snake_case stays).
  if (after === undefined || /\s/.test(after)) return undefined;
  if (char === '_' && previous !== undefined && WORD.test(previous)) return undefined;
  for (let close = at + run; close < source.length; close++) {
    const current = source[close];
    if (current === '\\') {
      close++;
    } else if (current === '`') {
      const fence = runAt(source, close);
      const end = findCodeClose(source, close + fence, '`'.repeat(fence));
      close = (end >= 0 ? end : close) + fence - 1;
    } else if (current === char) {
      const closeRun = runAt(source, close);
      const next = source[close + closeRun];
      const closes =
        !/\s/.test(source[close - 1]!) &&
        (char !== '_' || next === undefined || !WORD.test(next)) &&
        (size === 2 ? closeRun >= 2 : closeRun !== 2);
      // `***both***`: the outer pair is the strong one, the star inside it the emphasis.
      const innerEnd = size === 2 ? close + closeRun - 2 : close;
      if (closes)
        return {
          kind: char === '~' ? 'del' : size === 2 ? 'strong' : 'em',
          inner: source.slice(at + size, innerEnd),
          end: innerEnd + size,
        };
      close += closeRun - 1;
    }
  }
  return null;
}

/** Length of the run of the same character at `at`. */
function runAt(source: string, at: number): number {
  let end = at;
  while (source[end] === source[at]) end++;
  return end - at;
}

/** Where each `[` closes (brackets nest; a backslash escapes one), found in one pass. */
function matchingBrackets(source: string): Map<number, number> {
  const closing = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '[') open.push(i);
    else if (source[i] === ']' && open.length > 0) closing.set(open.pop()!, i);
  }
  return closing;
}

/** `[label](destination "title")` at `at`: brackets and parentheses may nest. */
function linkAt(
  source: string,
  at: number,
  brackets: ReadonlyMap<number, number>,
): { label: string; destination: string; end: number } | undefined {
  const labelEnd = brackets.get(at) ?? -1;
  if (labelEnd < 0 || source[labelEnd + 1] !== '(') return undefined;
  let i = labelEnd + 2;
  while (source[i] === ' ') i++;
  let destination: string;
  if (source[i] === '<') {
    const close = source.indexOf('>', i);
    if (close < 0) return undefined;
    destination = source.slice(i + 1, close);
    i = close + 1;
  } else {
    let parens = 0;
    const start = i;
    for (; i < source.length && !/\s/.test(source[i]!); i++) {
      if (source[i] === '(') parens++;
      else if (source[i] === ')' && --parens < 0) break;
    }
    destination = source.slice(start, i);
  }
  const title = /^\s+(?:"[^"]*"|'[^']*')/.exec(source.slice(i));
  if (title) i += title[0].length;
  while (source[i] === ' ') i++;
  if (source[i] !== ')') return undefined;
  return { label: source.slice(at + 1, labelEnd), destination, end: i + 1 };
}

/** A bare URL ends before trailing punctuation and an unmatched closing parenthesis (GitHub's rule). */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1]!;
    if (/[?!.,:;*_~'"]/.test(last)) end--;
    else if (last === ')' && count(url.slice(0, end), ')') > count(url.slice(0, end), '(')) end--;
    else return url.slice(0, end);
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
