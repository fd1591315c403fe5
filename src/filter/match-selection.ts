/** A half-open range of original-text offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Leftmost-longest, non-overlapping selection: candidates are taken in order of start (longest
 * first on ties) and kept unless they overlap the previous pick. Only candidates starting in
 * [`from`, `before`) are considered, and `lastEnd` carries the previous pick's end, so a caller can
 * select window by window (the stream filter) with the same result as in one go.
 */
export function selectLeftmostLongest<T extends Span>(
  candidates: readonly T[],
  from: number,
  before: number,
  lastEnd = 0,
): { selected: T[]; lastEnd: number } {
  const eligible = candidates.filter((c) => c.start >= from && c.start < before && c.end > c.start);
  eligible.sort((a, b) => a.start - b.start || b.end - a.end);
  const selected: T[] = [];
  for (const candidate of eligible) {
    if (candidate.start < lastEnd) continue;
    selected.push(candidate);
    lastEnd = candidate.end;
  }
  return { selected, lastEnd };
}

/**
 * Replaces every character (code point) of `text` covered by a span with `*`. `offset` is the
 * absolute position of `text[0]`, so callers can mask a slice with absolute spans.
 */
export function applyMask(text: string, spans: readonly Span[], offset: number): string {
  if (spans.length === 0) return text;
  const covered = new Uint8Array(text.length);
  let any = false;
  for (const span of spans) {
    const from = Math.max(0, span.start - offset);
    const to = Math.min(text.length, span.end - offset);
    for (let i = from; i < to; i++) covered[i] = 1;
    if (from < to) any = true;
  }
  if (!any) return text;
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (covered[i] === 0) continue;
    out += text.slice(runStart, i);
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && covered[i + 1] === 1;
    out += '*';
    if (pair) i++;
    runStart = i + 1;
  }
  return out + text.slice(runStart);
}
