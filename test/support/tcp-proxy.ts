import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * Forwards a loopback port to a target; `cut()` drops every connection and refuses new ones; `hold()`
 * keeps connections open but stops passing the target's answers on until `release()` (with latency
 * the answers already read still arrive).
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly upstreams = new Set<Socket>();
  private held = false;
  port = 0;

  /** `latencyMs`: every chunk, each way, is passed on this much later (a distant or loaded server). */
  constructor(
    private readonly target: { host: string; port: number },
    private readonly options: { latencyMs?: number } = {},
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.upstreams.add(upstream);
      upstream.on('close', () => this.upstreams.delete(upstream));
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      const latency = this.options.latencyMs ?? 0;
      if (latency === 0) client.pipe(upstream).pipe(client);
      else {
        // Same delay for every chunk: timers of equal length fire in order, so the stream stays in order.
        client.on('data', (chunk: Buffer) => setTimeout(() => upstream.writable && upstream.write(chunk), latency));
        upstream.on('data', (chunk: Buffer) => setTimeout(() => client.writable && client.write(chunk), latency));
      }
      if (this.held) upstream.pause();
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Answers from the target wait (a slow database) until `release()`. */
  hold(): void {
    this.held = true;
    for (const upstream of this.upstreams) upstream.pause();
  }

  release(): void {
    this.held = false;
    for (const upstream of this.upstreams) upstream.resume();
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
