import type { Redis } from 'ioredis';

/**
 * Cross-process "stop the bot in this conversation" signal. A gateway publishes it when an agent takes
 * over; every worker listens and aborts the upstream request it holds for that conversation.
 */
export class ReplyCancellation {
  private readonly controllers = new Map<string, Set<AbortController>>();
  private readonly channel: string;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis | undefined,
    prefix: string,
  ) {
    this.channel = `${prefix}:reply-cancel`;
  }

  /** Workers call this once; gateways that only publish do not. */
  async listen(): Promise<void> {
    if (!this.subscriber) throw new Error('ReplyCancellation.listen needs a subscriber connection');
    this.subscriber.on('message', (channel: string, conversationId: string) => {
      if (channel === this.channel) this.abortLocal(conversationId);
    });
    await this.subscriber.subscribe(this.channel);
  }

  async cancel(conversationId: string): Promise<void> {
    await this.publisher.publish(this.channel, conversationId);
  }

  /** Tracks a reply in flight; call the returned function when it ends. */
  register(conversationId: string, controller: AbortController): () => void {
    let set = this.controllers.get(conversationId);
    if (!set) this.controllers.set(conversationId, (set = new Set()));
    set.add(controller);
    return () => {
      set.delete(controller);
      if (set.size === 0) this.controllers.delete(conversationId);
    };
  }

  private abortLocal(conversationId: string): void {
    for (const controller of this.controllers.get(conversationId) ?? []) controller.abort(new Error('cancelled'));
  }
}
