import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { ADMIN_TOKEN, requestsWith } from '../bot/llm-support.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok, request } from './agent-socket-support.js';

describe('private notes reach agents only', () => {
  const stack = new TestStack({ label: 'agent_notes', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  it('goes to every watching agent and the transcript, never to a widget socket, sync, the REST messages or the model', async () => {
    const site = await stack.createSite();
    const lin = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    const sam = await agentSession(stack, { siteIds: [site.id], name: 'Sam' });
    const { socket: widget, session } = await stack.connectWidget(site);
    const visitor = new EventLog(widget);
    const conversationId = session.conversation.id;
    const linSocket = await connectAgent(stack.url, lin.token);
    const samSocket = await connectAgent(stack.url, sam.token);
    const samLog = new EventLog(samSocket);
    await ok(linSocket, 'conversation:watch', { conversationId });
    await ok(samSocket, 'conversation:watch', { conversationId });

    const secret = `VIP customer, refund approved ${randomUUID()}`;
    const added = await ok(linSocket, 'note:add', { conversationId, text: secret });
    expect(added.note).toMatchObject({ conversationId, text: secret, agent: { id: lin.id, name: 'Lin' } });
    expect(await samLog.waitFor('note:new')).toEqual(added.note);
    // Anyone on the site may add a note, owner or not; empty and oversized notes are refused.
    await ok(samSocket, 'note:add', { conversationId, text: 'Seen.' });
    expect(await request(samSocket, 'note:add', { conversationId, text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await request(samSocket, 'note:add', { conversationId, text: 'x'.repeat(5001) })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LONG' },
    });

    // Without its ack an event is not run at all (nobody could be told what became of it).
    (samSocket.emit as (...args: unknown[]) => void)('note:add', { conversationId, text: 'sent without an ack' });
    const transcript = await ok(samSocket, 'conversation:watch', { conversationId });
    expect(transcript.notes.map((note) => note.text)).toEqual([secret, 'Seen.']);
    expect(transcript.messages).toEqual([]);

    // The bot answers a question after the note: the model request, the widget events, sync and REST lack it.
    const question = `Can I get a refund? ${randomUUID()}`;
    const sent = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: question });
    if (!sent.ok) throw new Error(sent.error.message);
    await visitor.waitFor('reply:end', (end) => end.replyTo === sent.message.id);
    const [modelRequest] = requestsWith(stack.simulator, question);
    expect(JSON.stringify(modelRequest!.body)).not.toContain('refund approved');
    expect(JSON.stringify(visitor.events)).not.toContain('refund approved');
    expect(visitor.of('note:new')).toEqual([]);
    const synced = await widget.emitWithAck('sync', { afterSeq: 0 });
    expect(JSON.stringify(synced)).not.toContain('refund approved');
    const rest = await fetch(`${stack.url}/api/v1/conversations/${conversationId}/messages`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(rest.status).toBe(200);
    expect(await rest.text()).not.toContain('refund approved');
  });
});
