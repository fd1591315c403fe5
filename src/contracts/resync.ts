import { z } from 'zod';

/**
 * `resync` (server -> client, `/widget` and `/agent`): this gateway's bus connection to Redis dropped
 * and came back while the socket stayed connected, so room events published in between may never have
 * reached it (pub/sub keeps nothing for a connection that was away). The client catches up from the
 * last seq it holds: the widget with `sync`, the console with `conversation:watch` and `afterSeq`.
 * Sent only once the gateway is subscribed again, so nothing published after it is missed.
 */
export const resyncSchema = z.object({ reason: z.enum(['bus_reconnected']) });
export type Resync = z.infer<typeof resyncSchema>;
