/**
 * Whether a model returns token logprobs. `deepseek-reasoner` rejects `logprobs` (DeepSeek documents it
 * as unsupported), so a site on it has no confidence score rather than failing requests.
 */
export function supportsLogprobs(model: string): boolean {
  return !/reasoner/i.test(model);
}
