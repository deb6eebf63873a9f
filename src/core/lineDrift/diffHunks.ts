/**
 * One hunk of a zero-context unified diff (`git diff --unified=0`): old lines
 * `oldStart … oldStart+oldCount-1` became new lines `newStart … newStart+newCount-1`.
 * A count of 0 is a pure insertion (old side) or deletion (new side), and then the
 * start names the line *after which* it happened.
 */
export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

/** Where an old line is in the new file, and whether the line itself was edited or removed. */
export interface MovedLine {
  line: number;
  changed: boolean;
}

/** The hunks of a zero-context diff, in file order. Every line but `@@ -a,b +c,d @@` headers is ignored. */
export function parseZeroContextDiff(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  let start = 0;
  while (start < diff.length) {
    let end = diff.indexOf('\n', start);
    if (end < 0) end = diff.length;
    if (diff.startsWith('@@ -', start)) {
      const hunk = parseHunkHeader(diff.slice(start, end));
      if (hunk) hunks.push(hunk);
    }
    start = end + 1;
  }
  return hunks;
}

/** `@@ -12,3 +14 @@ fn()` → its numbers; undefined for anything malformed. A linear scan, no regex. */
export function parseHunkHeader(line: string): Hunk | undefined {
  const cursor = { text: line, at: 4 }; // after '@@ -'
  const oldSide = readRange(cursor);
  if (!oldSide || !expect(cursor, ' +')) return undefined;
  const newSide = readRange(cursor);
  if (!newSide || !expect(cursor, ' @@')) return undefined;
  return { oldStart: oldSide[0], oldCount: oldSide[1], newStart: newSide[0], newCount: newSide[1] };
}

/**
 * Moves a 1-based line of the old file through the hunks (sorted, as git prints
 * them). A line inside a replaced block lands on the matching line of the
 * replacement (or its last line); a deleted line lands on the line just above the
 * removed block (always a line that exists).
 */
export function moveLine(hunks: readonly Hunk[], line: number): MovedLine {
  let shift = 0;
  for (const h of hunks) {
    if (h.oldCount === 0) {
      // Insertion after old line oldStart: only lines below it move.
      if (line <= h.oldStart) break;
      shift += h.newCount;
      continue;
    }
    if (line < h.oldStart) break;
    const oldEnd = h.oldStart + h.oldCount - 1;
    if (line <= oldEnd) {
      if (h.newCount === 0) return { line: Math.max(1, h.newStart), changed: true };
      // Math.max: git writes newStart 0 only with newCount 0, but a malformed hunk must not move a line to 0.
      return { line: Math.max(1, h.newStart + Math.min(line - h.oldStart, h.newCount - 1)), changed: true };
    }
    shift += h.newCount - h.oldCount;
  }
  return { line: Math.max(1, line + shift), changed: false };
}

interface Cursor {
  text: string;
  at: number;
}

function readRange(c: Cursor): [number, number] | undefined {
  const start = readInt(c);
  if (start === undefined) return undefined;
  if (c.text[c.at] !== ',') return [start, 1];
  c.at++;
  const count = readInt(c);
  return count === undefined ? undefined : [start, count];
}

function readInt(c: Cursor): number | undefined {
  const from = c.at;
  while (c.at < c.text.length && c.at - from < 10 && c.text.charCodeAt(c.at) >= 48 && c.text.charCodeAt(c.at) <= 57) c.at++;
  return c.at === from ? undefined : Number(c.text.slice(from, c.at));
}

function expect(c: Cursor, literal: string): boolean {
  if (!c.text.startsWith(literal, c.at)) return false;
  c.at += literal.length;
  return true;
}
