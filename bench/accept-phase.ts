import { performance } from 'node:perf_hooks';
import { round, sendForAck, type Widget } from './bench-clients.js';

export interface AcceptRate {
  sent: number;
  acked: number;
  seconds: number;
  perSecond: number;
  cpuMsPerMessage: number;
}

/**
 * Every socket sends in a closed loop (the next message once the last is acked) until `total` are sent
 * or `keepGoing` says stop. An ack means validated, rate-limited, filtered, committed and queued.
 * One warm-up message per socket first, not counted.
 */
export async function measureAcceptRate(
  senders: Widget[],
  total: number,
  cpu: () => () => number,
  keepGoing: () => boolean = () => true,
): Promise<AcceptRate> {
  await Promise.all(senders.map((socket, index) => sendForAck(socket, `warm up ${index}`)));
  const meter = cpu();
  let sent = 0;
  let acked = 0;
  const started = performance.now();
  await Promise.all(
    senders.map(async (socket, index) => {
      while (sent < total && keepGoing()) {
        sent += 1;
        if (await sendForAck(socket, `accept ${index}.${sent}`)) acked += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    sent,
    acked,
    seconds: round(seconds),
    perSecond: Math.round(acked / seconds),
    cpuMsPerMessage: round(meter() / Math.max(1, acked)),
  };
}
