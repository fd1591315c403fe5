import type { Logger } from '../observability/logger.js';

/**
 * What a process has opened, closed in reverse order. Each piece is registered the moment it exists,
 * before it is awaited ready, so a start-up that fails half-way still closes everything it opened.
 */
export class ShutdownStack {
  private readonly steps: Array<{ name: string; close: () => Promise<unknown> }> = [];

  constructor(private readonly logger: Logger) {}

  defer(name: string, close: () => Promise<unknown>): void {
    this.steps.push({ name, close });
  }

  async close(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      await step.close().catch((error: unknown) => this.logger.warn({ err: error, step: step.name }, 'error during shutdown'));
    }
  }
}
