/**
 * Which receivers count as loggers: identifiers containing one of these words,
 * case-insensitively (`log` covers `logger`, `LOG`, `_logger`, `logging`, `slog`,
 * `logrus`, `Rails.logger`). Plain words, not regular expressions, so a setting can
 * never make matching slow, and the same words drive the byte pre-filter.
 */
export const DEFAULT_RECEIVER_WORDS: readonly string[] = ['log', 'console', 'sugar', 'zap'];

export class ReceiverPattern {
  private readonly words: string[];

  constructor(words: readonly string[] = DEFAULT_RECEIVER_WORDS) {
    this.words = words.map((w) => w.toLowerCase()).filter((w) => w.length > 0);
  }

  matches(identifier: string): boolean {
    const lower = identifier.toLowerCase();
    return this.words.some((w) => lower.includes(w));
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
