import type { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import type { WebhookScheduler } from './webhook-delivery.service.js';

/** Most deliveries one sweep queues; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

/**
 * The outbox's backstop: queues deliveries that are due but may have no job (the process died
 * between commit and enqueue, Redis lost the job, a worker died mid-attempt). Runs when a worker
 * starts and then periodically; a duplicate it queues is harmless, the attempt's claim refuses it.
 */
export class WebhookSweep {
  private runs = 0;

  constructor(
    private readonly deps: {
      deliveries: Pick<WebhookDeliveryRepository, 'findDue'>;
      scheduler: WebhookScheduler;
      /** Leave deliveries due for less than this to the enqueue after commit. */
      graceMs: number;
    },
  ) {}

  /** Returns how many deliveries it queued. At a worker's start pass `graceMs` 0: take everything due. */
  async run(graceMs = this.deps.graceMs): Promise<number> {
    const due = await this.deps.deliveries.findDue(graceMs, SWEEP_BATCH);
    const key = `sweep-${Date.now()}-${this.runs++}`;
    await this.deps.scheduler.schedule(due.map((row) => ({ deliveryId: row.id, attempt: row.attempts + 1, key })));
    return due.length;
  }
}
