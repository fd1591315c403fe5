/** How to reach a conversation's whole transcript over the API, for a payload whose transcript was cut. */
export type TranscriptLink = (conversationId: string) => string;

interface TranscriptHolder {
  transcript?: { messages?: unknown[]; truncated?: boolean; omitted?: number; url?: string };
}

/**
 * Serialises an envelope, cutting its transcript (oldest messages first) until the body fits in
 * `maxBytes`, and saying so: `transcript.truncated`, `omitted`, and `url` to fetch it all. The cut is
 * deterministic, so every retry sends (and signs) the same body.
 */
export function serializeWithinCap(
  envelope: { conversationId: string | null; data: Record<string, unknown> },
  maxBytes: number,
  link: TranscriptLink,
): string {
  const body = JSON.stringify(envelope);
  const data = envelope.data as TranscriptHolder;
  const messages = data.transcript?.messages;
  if (Buffer.byteLength(body) <= maxBytes || !Array.isArray(messages) || envelope.conversationId === null) return body;
  const url = link(envelope.conversationId);
  const withKept = (kept: number) =>
    JSON.stringify({
      ...envelope,
      data: {
        ...envelope.data,
        transcript: {
          ...data.transcript,
          messages: messages.slice(messages.length - kept),
          truncated: true,
          omitted: messages.length - kept,
          url,
        },
      },
    });
  // The largest number of newest messages that fits: a binary search over the count.
  let [low, high] = [0, messages.length];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (Buffer.byteLength(withKept(mid)) <= maxBytes) low = mid;
    else high = mid - 1;
  }
  return withKept(low);
}
