/** A chat message as the simulator accepts it on the wire (wider than `ChatMessage`: tools, parts, null). */
export interface WireMessage {
  role: string;
  content?: string | null | Array<{ type: string; text?: string }>;
  [key: string]: unknown;
}

export function messageText(message: WireMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
  return '';
}

export function lastUserText(messages: readonly WireMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user') return messageText(message);
  }
  return '';
}
