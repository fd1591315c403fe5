import { request } from 'node:http';

/**
 * Engine.IO polling by hand: opens a session and a namespace, can send packets, and reads only when
 * told to, so everything else the server sends it piles up in the gateway's buffer (a slow client).
 */
export async function stalledPollingClient(
  base: string,
  options: { namespace: string; auth: Record<string, string>; headers: Record<string, string> },
) {
  const call = (method: string, query: string, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(`/socket.io/?EIO=4&transport=polling${query}`, base);
      const req = request(url, { method, headers: { ...options.headers, 'content-type': 'text/plain' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const open = await call('GET', '');
  const { sid } = JSON.parse(open.text.slice(1)) as { sid: string };
  /** Polls until a response contains `marker` (a poll waits for the server's next packet). */
  const readUntil = async (marker: string) => {
    for (let polls = 0; polls < 20; polls++) if ((await call('GET', `&sid=${sid}`)).text.includes(marker)) return;
    throw new Error(`no ${marker} from the server`);
  };
  await call('POST', `&sid=${sid}`, `40${options.namespace},${JSON.stringify(options.auth)}`);
  // The namespace must be connected before an event for it is sent: Socket.IO drops it otherwise.
  await readUntil(`40${options.namespace},{"sid"`);
  return {
    /** Sends one Socket.IO event with ack id 1. */
    emit: async (event: string, payload: unknown) =>
      (await call('POST', `&sid=${sid}`, `42${options.namespace},1${JSON.stringify([event, payload])}`)).status,
    readUntil,
    /** The ack of the event {@link emit} sent. */
    ack: `43${options.namespace},1[`,
    /** 400: the server no longer knows the session. */
    poll: async () => (await call('GET', `&sid=${sid}`)).status,
  };
}

/** Resolves once the gateway's slow-client sweep has dropped a client (it counts the drop in `/metrics`). */
export async function slowClientDropped(baseUrl: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await (await fetch(`${baseUrl}/metrics`)).text()).includes('code="SLOW_CLIENT"')) {
    if (Date.now() > deadline) throw new Error(`no client dropped as slow within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
