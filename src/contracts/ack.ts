import type { ErrorBody } from './payloads.js';

/** Every ack has this shape: `ok` with a result, or a machine-readable error. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

/** The ack callback of an event whose successful result is `T`. */
export type AckCallback<T> = (response: Ack<T>) => void;

/**
 * What a server receives for a client event map: the same events and acks, but every payload
 * `unknown`, because nothing a client sends is trusted before its zod schema has parsed it.
 */
export type Untrusted<Events> = {
  // One-argument events first: a listener without an ack would also match the two-argument shape.
  [E in keyof Events]: Events[E] extends (payload: never) => void
    ? (payload: unknown) => void
    : Events[E] extends (payload: never, ack: infer A) => void
      ? (payload: unknown, ack: A) => void
      : never;
};
