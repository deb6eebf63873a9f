/**
 * Which receivers count as loggers: identifiers holding one of these words at a word
 * start, case-insensitively (`log` covers `logger`, `LOG`, `_logger`, `logging`,
 * `logrus`, `getLogger`, `appLog`, but not `prologue`, `dialog` or `catalog`). Plain
 * words, not regular expressions, so a setting can never make matching slow, and the
 * same words drive the byte pre-filter.
 */
export const DEFAULT_RECEIVER_WORDS: readonly string[] = ['log', 'slog', 'console', 'sugar', 'zap'];

export class ReceiverPattern {
  private readonly words: string[];

  constructor(words: readonly string[] = DEFAULT_RECEIVER_WORDS) {
    this.words = words.map((w) => w.toLowerCase()).filter((w) => w.length > 0);
  }

  matches(identifier: string): boolean {
    const lower = identifier.toLowerCase();
    for (const w of this.words) {
      for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) if (startsWord(identifier, at)) return true;
    }
    return false;
  }

  /** Spellings to look for in raw bytes before parsing: `log`, `Log`, `LOG`. */
  needles(): string[] {
    const out = new Set<string>();
    for (const w of this.words) {
      out.add(w);
      out.add(w.toUpperCase());
      out.add(w[0]!.toUpperCase() + w.slice(1));
    }
    return [...out];
  }

  key(): string {
    return this.words.join(',');
  }
}

/** Whether position `at` starts a word inside an identifier: after a non-letter, or a lower-to-upper case change. */
function startsWord(id: string, at: number): boolean {
  if (at === 0) return true;
  const prev = id.charCodeAt(at - 1);
  const cur = id.charCodeAt(at);
  const prevLower = prev >= 97 && prev <= 122;
  const prevUpper = prev >= 65 && prev <= 90;
  if (!prevLower && !prevUpper) return true;
  const curUpper = cur >= 65 && cur <= 90;
  return curUpper && (prevLower || prevUpper);
}
