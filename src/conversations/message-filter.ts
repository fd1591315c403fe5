import AhoCorasick from 'ahocorasick';

export type FilterDecision = 'allow' | 'mask' | 'block' | 'flag' | 'review';

export interface FilterOutcome {
  /** The text to store and send on (masked where the decision masks). */
  text: string;
  decision: FilterDecision;
  /** Message flags to store, e.g. `masked`. */
  flags: string[];
}

/** Masks model output as it streams, holding back only what a match could still span. */
export interface OutputFilterStream {
  push(chunk: string): string;
  flush(): string;
}

export interface SiteWordSource {
  id: string;
  blockedWords: string[];
}

export interface MessageFilter {
  check(site: SiteWordSource, text: string): FilterOutcome;
  createOutputStream(site: SiteWordSource): OutputFilterStream;
}

/** Masks every character of every match with `*`, in place. */
function maskMatches(text: string, matcher: AhoCorasick): string {
  const chars = [...text];
  const codeUnitToChar: number[] = [];
  chars.forEach((char, index) => {
    for (let unit = 0; unit < char.length; unit += 1) codeUnitToChar.push(index);
  });
  let masked = false;
  for (const [endUnit, words] of matcher.search(text)) {
    for (const word of words) {
      const startUnit = endUnit - word.length + 1;
      for (let index = codeUnitToChar[startUnit]!; index <= codeUnitToChar[endUnit]!; index += 1) chars[index] = '*';
      masked = true;
    }
  }
  return masked ? chars.join('') : text;
}

/**
 * Per-site word masking with the `ahocorasick` package: the first, simple filter. Automata are built
 * once per site word list and cached.
 */
export class AhoCorasickMessageFilter implements MessageFilter {
  private readonly automata = new Map<string, { key: string; matcher: AhoCorasick; longest: number }>();

  check(site: SiteWordSource, text: string): FilterOutcome {
    const compiled = this.compiled(site);
    if (!compiled) return { text, decision: 'allow', flags: [] };
    const masked = maskMatches(text, compiled.matcher);
    return masked === text
      ? { text, decision: 'allow', flags: [] }
      : { text: masked, decision: 'mask', flags: ['masked'] };
  }

  createOutputStream(site: SiteWordSource): OutputFilterStream {
    const compiled = this.compiled(site);
    let pending = '';
    const holdBack = compiled ? compiled.longest - 1 : 0;
    return {
      push(chunk) {
        if (!compiled) return chunk;
        // Keep the held-back tail masked: a match that began in released text must stay masked to its end.
        const masked = maskMatches(pending + chunk, compiled.matcher);
        const release = Math.max(0, masked.length - holdBack);
        pending = masked.slice(release);
        return masked.slice(0, release);
      },
      flush() {
        const out = compiled ? maskMatches(pending, compiled.matcher) : pending;
        pending = '';
        return out;
      },
    };
  }

  private compiled(site: SiteWordSource) {
    const words = site.blockedWords.filter((word) => word.length > 0);
    if (words.length === 0) return undefined;
    const key = words.join('\u0000');
    const cached = this.automata.get(site.id);
    if (cached?.key === key) return cached;
    const entry = { key, matcher: new AhoCorasick(words), longest: Math.max(...words.map((word) => word.length)) };
    this.automata.set(site.id, entry);
    return entry;
  }
}
