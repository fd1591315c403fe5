/**
 * Contact words and their stand-ins. One source for two uses: the contact-handle detector's
 * keywords (matched through the same normaliser as words, so `ｖｘ`, `微 信` and `V❤` count), and
 * the variants an entry such as `加微信` is expanded into (`加V信`, `加我vx`, `加我V❤`...).
 */
const GROUPS: readonly (readonly string[])[] = [
  ['微信', 'v信', 'vx', 'wx', '威信', '薇信', '维信', '徽信', '围信', '卫信', 'weixin', 'wechat'],
  ['qq', '扣扣', '企鹅', 'q q'],
];

/** Words after which an id is a contact handle (`vx abc12345`). */
export const HANDLE_KEYWORDS: readonly string[] = [...GROUPS.flat().filter((word) => !word.includes(' ')), '加微'];

const LATIN = /[a-z]/;

/** A Latin contact word counts only as a word of its own: `vx` in `加vx`, not in `abvxcd`. */
function standsAlone(word: string, at: number, length: number): boolean {
  if (!LATIN.test(word[at]!)) return true;
  return !LATIN.test(word[at - 1] ?? '') && !LATIN.test(word[at + length] ?? '');
}

/** Verbs that may carry a pronoun or measure word in between (`加我微信`, `加个vx`). */
const ADD_VERBS = ['加'];
const ADD_FILLERS = ['我', '个', '一下'];

/**
 * Spellings of `word` that mean the same contact word: each member of a contact group in it
 * replaced by every other member, and `加X` also as `加我X`, `加个X`. Returns [] when `word`
 * holds no contact word. The stand-in symbols (`❤` for 信) need no variant: the normaliser reads
 * them as 信 right after `v`/`微`.
 */
export function contactVariants(word: string): string[] {
  const lower = word.toLowerCase();
  const out = new Set<string>();
  for (const group of GROUPS) {
    for (const member of group) {
      const at = lower.indexOf(member);
      if (at < 0 || !standsAlone(lower, at, member.length)) continue;
      for (const other of group) out.add(lower.slice(0, at) + other + lower.slice(at + member.length));
    }
  }
  if (out.size === 0) return [];
  for (const variant of [...out]) {
    for (const verb of ADD_VERBS) {
      if (!variant.startsWith(verb)) continue;
      for (const filler of ADD_FILLERS) out.add(verb + filler + variant.slice(verb.length));
    }
  }
  out.delete(lower);
  return [...out];
}
