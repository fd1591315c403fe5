/**
 * The bench's floor: the least a process can do for one reply of this shape. It speaks the widget's
 * events (`session`, `message:send` with an ack, `reply:delta`, `reply:end`) on a socket.io `/widget`
 * namespace, reads the simulator's stream over `node:http` and emits every content delta to the
 * sender's socket. No database, queue, filter, bus or batching.
 */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const upstream = new URL(`${(process.env.RELAY_UPSTREAM_URL ?? '').replace(/\/+$/, '')}/chat/completions`);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function streamReply(text: string, onDelta: (text: string) => void, onEnd: () => void): void {
  const body = JSON.stringify({
    model: 'deepseek-chat',
    stream: true,
    messages: [
      { role: 'system', content: 'You are a helpful benchmark assistant.' },
      { role: 'user', content: text },
    ],
  });
  const call = request(
    upstream,
    {
      method: 'POST',
      agent,
      headers: {
        authorization: 'Bearer sk-simulator',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    },
    (response: IncomingMessage) => {
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (piece: string) => {
        buffer += piece;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!event.startsWith('data: ') || event === 'data: [DONE]') continue;
          const content = (JSON.parse(event.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]
            ?.delta?.content;
          if (content) onDelta(content);
        }
      });
      response.on('end', onEnd);
    },
  );
  call.on('error', onEnd);
  call.end(body);
}

const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false });
io.of('/widget').on('connection', (socket) => {
  const conversationId = randomUUID();
  socket.emit('session', { conversationId });
  socket.on('message:send', (input: { text: string }, ack: (answer: unknown) => void) => {
    const id = randomUUID();
    ack({ ok: true, message: { id } });
    let index = 0;
    streamReply(
      input.text,
      (text) => socket.emit('reply:delta', { conversationId, replyTo: id, index: index++, text }),
      () => socket.emit('reply:end', { conversationId, replyTo: id }),
    );
  });
});
http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'minimal relay ready', url: `http://127.0.0.1:${port}` }));
});
process.on('SIGTERM', () => {
  void io.close();
  agent.destroy();
  process.exit(0);
});
