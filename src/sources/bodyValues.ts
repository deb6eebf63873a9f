/**
 * Reading values out of a backend's JSON body, which is untrusted: any field may have any
 * type. `String(x)`, `Number(x)`, `Date.parse(x)` and `x > 0` all convert an object through
 * its `toString`/`valueOf`, and a JSON object may carry those keys (`{"toString":0}`), which
 * makes the conversion throw. These read only the types the API documents.
 */

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string entries of an object (labels, annotations); nothing from any other value (a string would give one entry per character). */
export function stringEntries(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A non-empty string. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A number, or a string holding one (Sentry sends counts as strings); NaN for anything else. */
export function numberFrom(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

/** A date-time string as epoch ms; NaN for anything else. */
export function dateFrom(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

/** A scalar as text for a lookup key (`["error"]` as `error`, like `String` would); '' for anything else. */
export function keyText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').join(',');
  return '';
}
