import { hashText, seededRandom } from './deterministic-random.js';

export interface TopLogprob {
  token: string;
  logprob: number;
  bytes: number[];
}

/** One entry of `choices[0].logprobs.content`, as the OpenAI/DeepSeek wire format has it. */
export interface TokenLogprob extends TopLogprob {
  top_logprobs: TopLogprob[];
}

/** Without a `confidence=` directive the simulated model is fairly sure of itself. */
export const DEFAULT_CONFIDENCE = 0.9;

const ALTERNATIVES = [
  ' the',
  ' a',
  ' your',
  ' we',
  ' please',
  ' order',
  ',',
  '.',
  ' and',
  ' to',
  ' it',
  ' is',
  ' can',
  ' our',
  ' this',
  ' that',
  ' for',
  ' you',
  ' in',
  ' of',
  ' on',
];

function utf8Bytes(text: string): number[] {
  return Array.from(Buffer.from(text, 'utf8'));
}

/**
 * Deterministic logprobs whose mean over the reply is exactly ln(confidence) for an even token count
 * (tokens are jittered in +/- pairs), and never above 0, so a test can produce a low-confidence reply.
 * The chosen token leads `top_logprobs`; alternatives halve each step and together stay under both its
 * probability and the remaining mass, so the list is sorted and the distribution valid.
 */
export function buildLogprobs(tokens: readonly string[], confidence: number, topCount: number): TokenLogprob[] {
  const mean = Math.log(confidence);
  const random = seededRandom(hashText(tokens.join('')));
  let jitter = 0;
  return tokens.map((token, index) => {
    if (index % 2 === 0) jitter = Math.abs(mean) * 0.5 * random();
    const logprob = Math.min(0, index % 2 === 0 ? mean + jitter : mean - jitter);
    const probability = Math.exp(logprob);
    const alternativeMass = Math.min(probability, 1 - probability);
    const top: TopLogprob[] = [{ token, logprob, bytes: utf8Bytes(token) }];
    for (let k = 1; k < topCount; k++) {
      const alternative = ALTERNATIVES[(index + k) % ALTERNATIVES.length] ?? ' the';
      const alternativeProbability = Math.max(alternativeMass * 0.5 ** k, 1e-12);
      top.push({ token: alternative, logprob: Math.log(alternativeProbability), bytes: utf8Bytes(alternative) });
    }
    return { token, logprob, bytes: utf8Bytes(token), top_logprobs: topCount > 0 ? top : [] };
  });
}
