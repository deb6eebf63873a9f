/**
 * log4j2's JsonLayout keeps a time and an exception in shapes of its own: `instant`
 * `{ epochSecond, nanoOfSecond }`, and `thrown` with its frames as objects
 * (`extendedStackTrace: [{ class, method, file, line }]`) and a `cause` chain. The stack is
 * written back as the JVM prints it, so the JVM stack parser reads it like any other.
 */

const MAX_FRAMES = 1000;
const MAX_CAUSES = 8;

/** `instant` → milliseconds since the epoch. */
export function log4j2InstantTime(instant: unknown): number | undefined {
  if (!isObject(instant) || typeof instant.epochSecond !== 'number') return undefined;
  const nanos = typeof instant.nanoOfSecond === 'number' ? instant.nanoOfSecond : 0;
  return instant.epochSecond * 1000 + Math.floor(nanos / 1e6);
}

/** `thrown` → `java.lang.X: message\n\tat a.B.c(B.java:1)\n…\nCaused by: …`, or undefined when it has no frames as objects. */
export function log4j2ThrownStack(thrown: unknown): string | undefined {
  if (!isObject(thrown) || !Array.isArray(thrown.extendedStackTrace)) return undefined;
  const lines: string[] = [];
  let current: unknown = thrown;
  for (let depth = 0; isObject(current) && depth <= MAX_CAUSES; depth++) {
    const header = typeof current.message === 'string' ? `${String(current.name)}: ${current.message}` : String(current.name);
    lines.push(depth === 0 ? header : `Caused by: ${header}`);
    const frames = Array.isArray(current.extendedStackTrace) ? current.extendedStackTrace.slice(0, MAX_FRAMES) : [];
    for (const frame of frames) if (isObject(frame)) lines.push(`\tat ${frameText(frame)}`);
    if (typeof current.commonElementCount === 'number' && current.commonElementCount > 0) lines.push(`\t... ${current.commonElementCount} more`);
    current = current.cause;
  }
  return lines.join('\n');
}

/** `{ class, method, file, line }` → `a.B.c(B.java:1)`; line -2 is a native method, as Java prints it. */
function frameText(frame: Record<string, unknown>): string {
  const where = frame.line === -2 ? 'Native Method' : typeof frame.line === 'number' && frame.line > 0 ? `${String(frame.file)}:${frame.line}` : String(frame.file ?? 'Unknown Source');
  return `${String(frame.class)}.${String(frame.method)}(${where})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
