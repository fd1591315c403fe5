import { FilterPolicyError } from './filter-policy-error.js';

export const MAX_ORDER_PATTERNS = 20;
export const MAX_ORDER_PATTERN_LENGTH = 200;
/** A pattern is matched against this many code units around a number (before, after). */
export const ORDER_CONTEXT_BEFORE = 24;
export const ORDER_CONTEXT_AFTER = 8;

// A quantified group holding a quantifier or an alternation, `(a+)+`, `(a|aa)*`, and
// backreferences: the shapes that make a backtracking engine exponential. Order-number shapes
// never need them (`(?:SO|PO)-[0-9]{8}` is fine: that group is not quantified).
const QUANTIFIED_GROUP = /\(((?:[^()\\]|\\.)*)\)[+*{]/g;
const RISKY_INSIDE = /(?<!\\)[+*{|]/;
const BACKREFERENCE = /\\[1-9]|\\k</;

/**
 * Compiles a site's order-number shapes (`u` flag). Throws {@link FilterPolicyError} naming the
 * pattern for too many or too long patterns, invalid syntax, nested quantifiers, backreferences,
 * or a pattern that matches the empty string.
 */
export function compileOrderNumberPatterns(sources: readonly string[]): RegExp[] {
  if (sources.length > MAX_ORDER_PATTERNS) {
    throw new FilterPolicyError(`pii.orderNumberPatterns: at most ${MAX_ORDER_PATTERNS} patterns, got ${sources.length}`);
  }
  return sources.map((source, index) => {
    const where = `pii.orderNumberPatterns[${index}]`;
    if (typeof source !== 'string' || source.length === 0 || source.length > MAX_ORDER_PATTERN_LENGTH) {
      throw new FilterPolicyError(`${where}: must be 1-${MAX_ORDER_PATTERN_LENGTH} characters`);
    }
    const risky = [...source.matchAll(QUANTIFIED_GROUP)].some((group) => RISKY_INSIDE.test(group[1]!));
    if (risky || BACKREFERENCE.test(source)) {
      throw new FilterPolicyError(
        `${where}: quantified groups holding a quantifier or an alternation, and backreferences, are not allowed: ${source}`,
      );
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, 'gu');
    } catch (error) {
      throw new FilterPolicyError(`${where}: invalid regular expression: ${(error as Error).message}`);
    }
    if (pattern.test('')) throw new FilterPolicyError(`${where}: matches the empty string: ${source}`);
    return pattern;
  });
}

/**
 * Checks a site's order-number shapes without building an engine (for a policy API): throws
 * {@link FilterPolicyError} exactly where `SensitiveWordEngine.build` would.
 */
export function validateOrderNumberPatterns(sources: readonly string[]): void {
  compileOrderNumberPatterns(sources);
}

/**
 * Whether some order-number pattern matches a stretch covering [start, end). Patterns see only a
 * window around the number (so `^`/`$` anchor to the window: use lookarounds instead).
 */
export function insideOrderNumber(text: string, start: number, end: number, patterns: readonly RegExp[]): boolean {
  const from = Math.max(0, start - ORDER_CONTEXT_BEFORE);
  const window = text.slice(from, Math.min(text.length, end + ORDER_CONTEXT_AFTER));
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let found = pattern.exec(window); found; found = pattern.exec(window)) {
      if (found[0].length === 0) pattern.lastIndex++;
      if (from + found.index <= start && from + found.index + found[0].length >= end) return true;
    }
  }
  return false;
}
