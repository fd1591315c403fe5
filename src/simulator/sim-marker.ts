const MARKER_PATTERN = /\[\[sim:([^\]]*)\]\]/g;

/** The fault specs of every `[[sim:<spec>]]` marker in a message, in order. */
export function findMarkerSpecs(text: string): string[] {
  return Array.from(text.matchAll(MARKER_PATTERN), (match) => match[1] ?? '');
}

/** The text without its markers, so a marker never changes the generated reply. */
export function stripMarkers(text: string): string {
  return text.replace(MARKER_PATTERN, '').trim();
}
