import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * Forwards a loopback port to a target; `cut()` drops every connection and refuses new ones; `hold()`
 * keeps connections open but stops passing the target's answers on until `release()`.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly upstreams = new Set<Socket>();
  private held = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

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
      client.pipe(upstream).pipe(client);
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
