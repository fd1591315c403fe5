import type { ChatRequest } from './chat-request-schema.js';
import type { FaultSpec } from './fault-spec.js';
import { jsonReplyText } from './json-reply.js';
import type { PromptTokenCount } from './prompt-cache.js';
import { simulatedReasoning, simulatedReply } from './reply-text.js';
import { splitIntoChunks, splitIntoTokens } from './text-tokens.js';
import { buildLogprobs, DEFAULT_CONFIDENCE, type TokenLogprob } from './token-logprobs.js';
import { planToolCall, type PlannedToolCall } from './tool-call.js';

export type FinishReason = 'stop' | 'length' | 'tool_calls';

/** DeepSeek's `usage` object (chat.completion and the last chat.completion.chunk). */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  prompt_cache_hit_tokens: number;
  prompt_cache_miss_tokens: number;
  completion_tokens_details?: { reasoning_tokens: number };
}

/** Everything a response will contain, decided up front so streaming and non-streaming agree exactly. */
export interface CompletionPlan {
  model: string;
  reasoning: string[];
  content: string[];
  /** One entry per `content` piece when the request asked for logprobs. */
  logprobs?: TokenLogprob[];
  toolCall?: PlannedToolCall;
  finishReason: FinishReason;
  usage: WireUsage;
}

export interface PlanInput {
  request: ChatRequest;
  fault: FaultSpec;
  replyTokens: number;
  promptCount: PromptTokenCount;
  /** This answer must be broken JSON (the `invalid-json=` directive still has budget). */
  invalidJson: boolean;
}

function firstStopIndex(text: string, stop: ChatRequest['stop']): number {
  const sequences = (Array.isArray(stop) ? stop : stop ? [stop] : []).filter((sequence) => sequence !== '');
  const indexes = sequences.map((sequence) => text.indexOf(sequence)).filter((index) => index >= 0);
  return indexes.length > 0 ? Math.min(...indexes) : -1;
}

/** Keeps whole pieces up to `length` characters, truncating the piece the cut lands in. */
function cutPieces(pieces: readonly string[], length: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    if (used >= length) break;
    const part = piece.slice(0, length - used);
    if (part !== '') kept.push(part);
    used += piece.length;
  }
  return kept;
}

function contentText(input: PlanInput): string {
  const { request, fault, replyTokens, invalidJson } = input;
  const plain = fault.reply ?? simulatedReply(request.messages, replyTokens);
  if (request.response_format?.type !== 'json_object') return plain;
  return jsonReplyText(request.messages, plain, invalidJson);
}

export function planCompletion(input: PlanInput): CompletionPlan {
  const { request, fault, promptCount } = input;
  const toolCall = planToolCall(request, fault.tool);
  let reasoning = request.model === 'deepseek-reasoner' ? splitIntoTokens(simulatedReasoning(request.messages)) : [];
  let content: string[] = [];
  let finishReason: FinishReason = toolCall ? 'tool_calls' : 'stop';

  if (!toolCall) {
    const text = contentText(input);
    content = fault.chunk ? splitIntoChunks(text, fault.chunk) : splitIntoTokens(text);
    const stopAt = firstStopIndex(text, request.stop);
    if (stopAt >= 0) content = cutPieces(content, stopAt);
  }
  const maxTokens = request.max_tokens ?? Number.POSITIVE_INFINITY;
  if (reasoning.length + content.length > maxTokens) {
    reasoning = reasoning.slice(0, maxTokens);
    content = content.slice(0, Math.max(0, maxTokens - reasoning.length));
    finishReason = 'length';
  }

  const toolTokens = toolCall ? splitIntoTokens(`${toolCall.name} ${toolCall.arguments}`).length : 0;
  const completionTokens = reasoning.length + content.length + toolTokens;
  const usage: WireUsage = {
    prompt_tokens: promptCount.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptCount.promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: promptCount.cacheHitTokens },
    prompt_cache_hit_tokens: promptCount.cacheHitTokens,
    prompt_cache_miss_tokens: promptCount.cacheMissTokens,
    ...(reasoning.length > 0 ? { completion_tokens_details: { reasoning_tokens: reasoning.length } } : {}),
  };
  const plan: CompletionPlan = { model: request.model, reasoning, content, finishReason, usage };
  if (toolCall) plan.toolCall = toolCall;
  if (request.logprobs) {
    plan.logprobs = buildLogprobs(content, fault.confidence ?? DEFAULT_CONFIDENCE, request.top_logprobs ?? 0);
  }
  return plan;
}
