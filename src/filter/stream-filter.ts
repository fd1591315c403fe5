import { strongerAction, type FilterAction, type FilterMatch } from './filter-types.js';
import { applyMask, selectLeftmostLongest } from './match-selection.js';
import type { StreamScanner } from './stream-scanner.js';

/**
 * Already released text kept in front of the window, so characters near the release point are
 * normalised with the same left neighbours as in a batch scan (leet and skip rules look back a few
 * characters). Must exceed the normaliser's look-behind: MAX_GAP code points plus leet reach.
 */
const CONTEXT = 48;

/**
 * Filters streamed text (model output) chunk by chunk with the same result as
 * `engine.mask(fullText)`: `push` returns the text that no future chunk can change, `flush` the rest.
 * It holds back only a match that could still be in progress (from its first character), plus the
 * PII detectors' bounded windows when a digit, `@` or contact keyword is near the end. Not for reuse
 * across streams; create one per reply.
 */
export class StreamFilter {
  /** Every match released so far, in original-stream offsets. */
  readonly matches: FilterMatch[] = [];
  private windowText = '';
  private windowStart = 0;
  private released = 0;
  private wordEnd = 0;
  private piiEnd = 0;
  private pendingMasks: FilterMatch[] = [];
  private strongest: 'allow' | FilterAction = 'allow';
  private finished = false;

  constructor(
    private readonly engine: StreamScanner,
    private readonly withPii = true,
  ) {}

  /** The strongest action over the matches released so far (`block` means: stop the reply). */
  get action(): 'allow' | FilterAction {
    return this.strongest;
  }

  /** Characters received but not yet released. */
  get pending(): number {
    return this.windowStart + this.windowText.length - this.released;
  }

  /** Appends a chunk; returns the text that is now safe to send (possibly empty). */
  push(chunk: string): string {
    if (this.finished) throw new Error('StreamFilter: push after flush');
    if (chunk.length === 0) return '';
    this.windowText += chunk;
    return this.release(false);
  }

  /** Ends the stream and returns everything still held back. */
  flush(): string {
    if (this.finished) return '';
    this.finished = true;
    return this.release(true);
  }

  private release(final: boolean): string {
    const analysis = this.engine.analyze(this.windowText, final, this.withPii);
    const text = this.windowText;
    let cut = final ? text.length : Math.max(this.released - this.windowStart, analysis.settledBefore);
    // A high surrogate at the cut may pair with the next chunk: never release half a character.
    if (!final && cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    const absoluteCut = Math.max(this.released, this.windowStart + cut);
    const from = this.released - this.windowStart;
    const relativeCut = absoluteCut - this.windowStart;

    const words = selectLeftmostLongest(analysis.words, from, relativeCut, this.wordEnd - this.windowStart);
    const pii = selectLeftmostLongest(analysis.pii, from, relativeCut, this.piiEnd - this.windowStart);
    this.wordEnd = words.lastEnd + this.windowStart;
    this.piiEnd = pii.lastEnd + this.windowStart;
    for (const match of this.engine.toMatches(words.selected, pii.selected, this.windowStart)) {
      this.matches.push(match);
      this.strongest = strongerAction(this.strongest, this.engine.policy.actions[match.category]);
      if (this.engine.masks(match)) this.pendingMasks.push(match);
    }

    const out = applyMask(text.slice(from, relativeCut), this.pendingMasks, this.released);
    this.released = absoluteCut;
    this.pendingMasks = this.pendingMasks.filter((mask) => mask.end > this.released);
    let keepFrom = Math.max(0, this.released - CONTEXT - this.windowStart);
    if (keepFrom > 0 && isLowSurrogate(text.charCodeAt(keepFrom))) keepFrom--;
    this.windowText = text.slice(keepFrom);
    this.windowStart += keepFrom;
    return out;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
