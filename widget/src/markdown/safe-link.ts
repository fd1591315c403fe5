/** The only schemes a link in a reply may use; anything else (`javascript:`, `data:`, relative) is shown as text. */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The normalised URL when `href` is an absolute http(s) or mailto link, else `undefined`. Parsing with
 * `URL` (not a prefix test) means tricks like `java\tscript:` or upper-case schemes are judged as the
 * browser would judge them.
 */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href.trim());
    return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
