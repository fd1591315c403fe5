import { describe, expect, it } from 'vitest';
import { ConfidenceMeter, confidenceFromLogprobs, isLowConfidence } from '../../../src/llm/confidence.js';

describe('confidence', () => {
  it('is exp(mean logprob)', () => {
    expect(confidenceFromLogprobs([0, 0])).toBe(1);
    expect(confidenceFromLogprobs([Math.log(0.5), Math.log(0.5)])).toBeCloseTo(0.5);
    expect(confidenceFromLogprobs([Math.log(0.9), Math.log(0.1)])).toBeCloseTo(Math.sqrt(0.09));
  });

  it('is unknown without logprobs, and unknown is never flagged', () => {
    expect(confidenceFromLogprobs([])).toBeNull();
    expect(isLowConfidence(null, 0.9)).toBe(false);
    expect(isLowConfidence(0.4, 0.5)).toBe(true);
    expect(isLowConfidence(0.6, 0.5)).toBe(false);
  });

  it('meter forgets a discarded attempt on reset', () => {
    const meter = new ConfidenceMeter();
    meter.add([Math.log(0.1)]);
    meter.reset();
    meter.add([0]);
    meter.add(undefined);
    expect(meter.confidence).toBe(1);
  });
});
