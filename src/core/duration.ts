const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses a duration such as `30s`, `15m`, `24h`, `7d`, `2w` or `1h30m`; returns undefined when invalid. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let total = 0;
  let i = 0;
  while (i < trimmed.length) {
    const numStart = i;
    while (i < trimmed.length && isDigitOrDot(trimmed.charCodeAt(i))) i++;
    const value = Number(trimmed.slice(numStart, i));
    const unitStart = i;
    while (i < trimmed.length && isLetter(trimmed.charCodeAt(i))) i++;
    const name = trimmed.slice(unitStart, i);
    // Own keys only: `1constructor` would read Object.prototype and give NaN.
    const unit = Object.hasOwn(UNIT_MS, name) ? UNIT_MS[name] : undefined;
    if (numStart === unitStart || unit === undefined || !Number.isFinite(value)) return undefined;
    total += value * unit;
  }
  return total;
}

/** Formats milliseconds as the largest whole unit (`24h`, `30d`, `90m`). */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit]!;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

function isDigitOrDot(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}
