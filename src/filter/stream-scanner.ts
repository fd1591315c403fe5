import type { FilterMatch, FilterPolicy } from './filter-types.js';
import type { PiiHit } from './pii-hit.js';
import type { WordCandidate } from './word-scanner.js';

/** Everything one pass over a text yields; the stream filter consumes it window by window. */
export interface Analysis {
  words: WordCandidate[];
  pii: PiiHit[];
  /** Candidates starting before this offset are final, even if more text is appended. */
  settledBefore: number;
}

/** What the stream filter needs from an engine (the engine provides it; declared here so neither imports the other). */
export interface StreamScanner {
  readonly policy: FilterPolicy;
  analyze(text: string, final: boolean, withPii?: boolean): Analysis;
  toMatches(words: readonly WordCandidate[], pii: readonly PiiHit[], offset?: number): FilterMatch[];
  masks(match: FilterMatch): boolean;
}
