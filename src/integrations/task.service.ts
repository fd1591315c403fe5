import type { Task } from '../contracts/integration-resources.js';
import { toStoredMessage } from '../conversations/message-view.js';
import { AppError } from '../errors/app-error.js';
import type { ChannelRepository } from './channel.repository.js';
import type { IntegrationPrincipal } from './integration-token.service.js';

/** Where the reply job of a message is (the `reply` queue provides it): BullMQ's state, or undefined. */
export interface ReplyJobStates {
  replyState(messageId: string): Promise<string | undefined>;
}

/** The reply's text so far while it streams, when something records it. */
export interface ReplyProgress {
  textSoFar(messageId: string): Promise<string | undefined>;
}

/** How often a long poll reads Postgres again: one indexed lookup per waiting request per tick. */
const POLL_MS = 100;

/**
 * A REST-channel task: the bot's answer to one customer message, read from Postgres (the stored reply
 * is the truth) and the reply job's state. `?wait` polls Postgres every {@link POLL_MS} until the
 * task is done or failed, or the wait is over.
 */
export class TaskService {
  constructor(private readonly deps: { channel: ChannelRepository; jobs: ReplyJobStates; progress?: ReplyProgress }) {}

  async get(principal: IntegrationPrincipal, taskId: string, waitMs = 0, signal?: AbortSignal): Promise<Task> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const task = await this.read(principal, taskId);
      if (task.status === 'done' || task.status === 'failed' || Date.now() >= deadline || signal?.aborted) return task;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
    }
  }

  private async read(principal: IntegrationPrincipal, taskId: string): Promise<Task> {
    const message = await this.deps.channel.findTaskMessage(taskId);
    if (!message || message.siteId !== principal.siteId || message.role !== 'customer')
      throw new AppError('NOT_FOUND', 'No such task.');
    const base = { id: message.id, conversationId: message.conversationId, messageId: message.id };
    if (message.reply) return { ...base, status: 'done', reply: toStoredMessage(message.reply) };
    if (message.mode !== 'bot') return { ...base, status: 'failed', reason: 'handed_off' };
    const state = await this.deps.jobs.replyState(message.id);
    if (state === 'failed') return { ...base, status: 'failed', reason: 'reply_failed' };
    if (state === 'active') {
      const text = await this.deps.progress?.textSoFar(message.id);
      return { ...base, status: 'streaming', ...(text !== undefined ? { text } : {}) };
    }
    return { ...base, status: 'pending' };
  }
}
