import type { TokenUsage } from './llm-types.js';

/** The parts of DeepSeek's (OpenAI-compatible) JSON this client reads; everything else is ignored. */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_cache_hit_tokens?: number;
  prompt_cache_miss_tokens?: number;
}

export interface WireLogprobs {
  content?: Array<{ token?: string; logprob?: number }> | null;
}

export interface WireToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

export interface WireChunk {
  model?: string;
  choices?: Array<{
    delta?: { content?: string | null; reasoning_content?: string | null; tool_calls?: WireToolCallDelta[] | null };
    logprobs?: WireLogprobs | null;
    finish_reason?: string | null;
  }>;
  usage?: WireUsage | null;
  error?: { message?: string; type?: string; code?: string | number | null };
}

export interface WireCompletion {
  model?: string;
  choices?: Array<{
    message?: { content?: string | null; reasoning_content?: string | null };
    logprobs?: WireLogprobs | null;
    finish_reason?: string | null;
  }>;
  usage?: WireUsage | null;
  error?: { message?: string; type?: string; code?: string | number | null };
}

export function toTokenUsage(usage: WireUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  const promptTokens = usage.prompt_tokens ?? 0;
  const completionTokens = usage.completion_tokens ?? 0;
  const promptCacheHitTokens = usage.prompt_cache_hit_tokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    totalTokens: usage.total_tokens ?? promptTokens + completionTokens,
    promptCacheHitTokens,
    promptCacheMissTokens: usage.prompt_cache_miss_tokens ?? Math.max(0, promptTokens - promptCacheHitTokens),
  };
}

export function toLogprobs(logprobs: WireLogprobs | null | undefined): number[] | undefined {
  const content = logprobs?.content;
  if (!content || content.length === 0) return undefined;
  return content.map((entry) => entry.logprob).filter((value): value is number => typeof value === 'number');
}
