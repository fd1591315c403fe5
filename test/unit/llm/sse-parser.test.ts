import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../src/llm/sse-parser.js';

describe('SseParser', () => {
  it('dispatches data events and reports comments', () => {
    const parser = new SseParser();
    const events = parser.push(': keep-alive\n\ndata: {"a":1}\n\ndata: [DONE]\n\n');
    expect(events).toEqual([
      { kind: 'comment', text: 'keep-alive' },
      { kind: 'data', data: '{"a":1}' },
      { kind: 'data', data: '[DONE]' },
    ]);
  });

  it('joins events split across pieces, including a CRLF split between pieces', () => {
    const parser = new SseParser();
    const pieces = ['da', 'ta: hel', 'lo\r', '\n\r', '\ndata: x\n', 'data: y\n\n'];
    const events = pieces.flatMap((piece) => parser.push(piece));
    expect(events).toEqual([
      { kind: 'data', data: 'hello' },
      { kind: 'data', data: 'x\ny' },
    ]);
  });

  it('flushes a trailing event without a blank line at end()', () => {
    const parser = new SseParser();
    expect(parser.push('data: last')).toEqual([]);
    expect(parser.end()).toEqual([{ kind: 'data', data: 'last' }]);
  });

  it('ignores other fields', () => {
    const parser = new SseParser();
    expect(parser.push('event: x\nid: 3\nretry: 10\ndata:no-space\n\n')).toEqual([{ kind: 'data', data: 'no-space' }]);
  });
});
