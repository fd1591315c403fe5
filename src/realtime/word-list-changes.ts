import type { Redis } from 'ioredis';

/** `default` names the shared default list; anything else is a site id. */
export type WordListChange = string;

/**
 * Cross-process "this site's filter changed" signal over Redis pub/sub. Whoever changes a word list or
 * a filter policy publishes the site id (or `default`); every gateway and worker listens and rebuilds
 * that site's engine. A subscriber that reconnects may have missed messages, so it reports a resync.
 */
export class WordListChanges {
  private readonly channel: string;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis | undefined,
    prefix: string,
  ) {
    this.channel = `${prefix}:word-list-changed`;
  }

  async listen(onChange: (change: WordListChange) => void, onResync: () => void): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber) throw new Error('WordListChanges.listen needs a subscriber connection');
    subscriber.on('message', (channel: string, change: string) => {
      if (channel === this.channel) onChange(change);
    });
    await subscriber.subscribe(this.channel);
    // ioredis resubscribes after a reconnect; changes published while it was away are lost.
    subscriber.on('ready', onResync);
  }

  async publish(change: WordListChange): Promise<void> {
    await this.publisher.publish(this.channel, change);
  }
}
