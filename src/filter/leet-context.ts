import { CharClass, type FoldTable } from './char-fold-table.js';

/** A leet character becomes a letter only if a Latin letter is reachable through at most this many leet characters. */
const LEET_REACH = 4;
/**
 * How far (code units, each side) a leet digit looks at its alphanumeric run to decide whether the
 * run is a word (`b4dw0rd`) or a code (`A556E`). Must stay below the stream filter's unsettled tail (8).
 */
const LEET_WINDOW = 7;

/**
 * Whether a leet character at `at` is a letter. `@`/`$`: when a letter is near. A digit also needs
 * its alphanumeric run (within LEET_WINDOW) to be mostly letters (at least two, no fewer than
 * digits), and is never a letter inside a group of 2+ digits at the run's edge: `b4dw0rd` and
 * `5h1t` are words, `A55`, `A556E`, `win10`, `user123` are codes.
 */
export function leetAllowed(table: FoldTable, text: string, at: number, code: number): boolean {
  if (!inLatinContext(table, text, at)) return false;
  if (code < 0x30 || code > 0x39) return true;
  const left = runSide(table, text, at, -1);
  const right = runSide(table, text, at, 1);
  const letters = left.letters + right.letters;
  const digits = 1 + left.digits + right.digits;
  const group = 1 + left.group + right.group;
  if (group >= 2 && (left.groupAtEdge || right.groupAtEdge)) return false;
  return letters >= 2 && letters >= digits;
}

/** Letters and digits of the alphanumeric run on one side of `at`, and the digit group touching `at`. */
function runSide(
  table: FoldTable,
  text: string,
  at: number,
  step: number,
): { letters: number; digits: number; group: number; groupAtEdge: boolean } {
  const { fold, cls } = table;
  let letters = 0;
  let digits = 0;
  let group = 0;
  let inGroup = true;
  for (let k = 1, i = at + step; ; k++, i += step) {
    // A run cut by the window is long, so it is not "at the edge".
    if (k > LEET_WINDOW) return { letters, digits, group, groupAtEdge: false };
    const code = i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
    const folded = code < 0 ? -1 : fold[code]!;
    const kind = folded < 0 ? CharClass.Separator : cls[code]!;
    if (kind === CharClass.Invisible) continue;
    if (folded >= 0x30 && folded <= 0x39) {
      digits++;
      if (inGroup) group++;
      continue;
    }
    if (kind === CharClass.Latin || kind === CharClass.LeetSymbol || kind === CharClass.WeakGlyph) {
      letters++;
      inGroup = false;
      continue;
    }
    return { letters, digits, group, groupAtEdge: inGroup };
  }
}

/** A leet character counts as a letter if a Latin letter is reachable through a short run of leet characters. */
export function inLatinContext(table: FoldTable, text: string, at: number): boolean {
  return latinWithin(table, text, at, -1) || latinWithin(table, text, at, 1);
}

function latinWithin(table: FoldTable, text: string, at: number, step: number): boolean {
  const { fold, cls } = table;
  for (let k = 1, i = at + step; k <= LEET_REACH && i >= 0 && i < text.length; k++, i += step) {
    const code = text.charCodeAt(i);
    if (fold[code]! < 0) return false;
    const kind = cls[code];
    if (kind === CharClass.Latin) return true;
    if (kind !== CharClass.LeetDigit && kind !== CharClass.LeetSymbol && kind !== CharClass.WeakGlyph) return false;
  }
  return false;
}
