import { randomUUID } from 'node:crypto';
import type { CompletionPlan } from './completion-plan.js';
import type { TokenLogprob } from './token-logprobs.js';

export const SYSTEM_FINGERPRINT = 'fp_simulator_prod0820_fp8_kvcache';

export type Delta = Record<string, unknown>;

/** Builds the `chat.completion.chunk` / `chat.completion` objects of one response (shared id and created). */
export class WireChunks {
  readonly id = randomUUID();
  readonly created = Math.floor(Date.now() / 1000);

  constructor(private readonly plan: CompletionPlan) {}

  private get isReasoner(): boolean {
    return this.plan.reasoning.length > 0;
  }

  chunk(delta: Delta, extra: { logprobs?: TokenLogprob[]; finishReason?: string; usage?: object } = {}): object {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.plan.model,
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices: [
        {
          index: 0,
          delta,
          logprobs: extra.logprobs ? { content: extra.logprobs } : null,
          finish_reason: extra.finishReason ?? null,
        },
      ],
      ...(extra.usage ? { usage: extra.usage } : {}),
    };
  }

  roleDelta(): Delta {
    return this.isReasoner ? { role: 'assistant', content: null, reasoning_content: '' } : { role: 'assistant', content: '' };
  }

  reasoningDelta(text: string): Delta {
    return { content: null, reasoning_content: text };
  }

  contentDelta(text: string): Delta {
    return this.isReasoner ? { content: text, reasoning_content: null } : { content: text };
  }

  /** The non-streaming `chat.completion` object. */
  completion(): object {
    const { plan } = this;
    const message: Record<string, unknown> = { role: 'assistant', content: plan.content.join('') };
    if (this.isReasoner) message.reasoning_content = plan.reasoning.join('');
    if (plan.toolCall) {
      message.tool_calls = [
        {
          index: 0,
          id: plan.toolCall.id,
          type: 'function',
          function: { name: plan.toolCall.name, arguments: plan.toolCall.arguments },
        },
      ];
    }
    return {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: plan.model,
      choices: [
        {
          index: 0,
          message,
          logprobs: plan.logprobs ? { content: plan.logprobs } : null,
          finish_reason: plan.finishReason,
        },
      ],
      usage: plan.usage,
      system_fingerprint: SYSTEM_FINGERPRINT,
    };
  }
}
