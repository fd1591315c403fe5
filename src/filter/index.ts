/**
 * Sensitive-word filter: normalisation against evasion, an Aho-Corasick matcher, PII detectors and
 * a stream filter for model output. Self-contained; see docs/filter.md.
 */
export { SensitiveWordEngine } from './sensitive-word-engine.js';
export { StreamFilter } from './stream-filter.js';
export { starterWords, STARTER_CATEGORIES } from './starter-words.js';
export { FilterPolicyError } from './filter-policy-error.js';
export { MAX_ORDER_PATTERN_LENGTH, MAX_ORDER_PATTERNS, validateOrderNumberPatterns } from './order-number-patterns.js';
export {
  defaultPolicy,
  rawNormalizeOptions,
  resolvePolicy,
  type FilterAction,
  type FilterCategory,
  type FilterMatch,
  type FilterPolicy,
  type FilterPolicyInput,
  type FilterVerdict,
  type InspectedVerdict,
  type NormalizeOptions,
  type PiiOptions,
  type WordEntry,
} from './filter-types.js';
