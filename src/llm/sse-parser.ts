/** One dispatched Server-Sent Event, or a comment line (DeepSeek's `: keep-alive`). */
export type SseEvent = { kind: 'data'; data: string } | { kind: 'comment'; text: string };

/**
 * Incremental parser for the subset of Server-Sent Events that OpenAI-compatible APIs use: `data:`
 * fields (multi-line data joined by `\n`) and `:` comments. Other fields (`event:`, `id:`, `retry:`) are
 * ignored. Feed it decoded text in arbitrary pieces; it copes with `\n`, `\r\n` and `\r` line ends split
 * across pieces.
 */
export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];
  private pendingCarriageReturn = false;

  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let input = text;
    // A `\r` at the end of the previous piece may be the first half of `\r\n`.
    if (this.pendingCarriageReturn && input.startsWith('\n')) input = input.slice(1);
    this.pendingCarriageReturn = false;
    this.buffer += input;

    let start = 0;
    for (let index = 0; index < this.buffer.length; index++) {
      const char = this.buffer[index];
      if (char !== '\n' && char !== '\r') continue;
      this.handleLine(this.buffer.slice(start, index), events);
      if (char === '\r') {
        if (index + 1 === this.buffer.length) this.pendingCarriageReturn = true;
        else if (this.buffer[index + 1] === '\n') index++;
      }
      start = index + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Flushes a final event that was not followed by a blank line. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer.length > 0) this.handleLine(this.buffer, events);
    this.buffer = '';
    this.dispatch(events);
    return events;
  }

  private handleLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) {
      events.push({ kind: 'comment', text: line.slice(1).trim() });
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.dataLines.push(value);
  }

  private dispatch(events: SseEvent[]): void {
    if (this.dataLines.length === 0) return;
    events.push({ kind: 'data', data: this.dataLines.join('\n') });
    this.dataLines = [];
  }
}
