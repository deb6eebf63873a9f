import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { moveLine, parseHunkHeader, parseZeroContextDiff, type Hunk, type MovedLine } from '../../../../src/core/lineDrift/diffHunks';

void test('hunk headers with and without counts', () => {
  assert.deepEqual(parseHunkHeader('@@ -12,3 +14 @@ function charge() {'), { oldStart: 12, oldCount: 3, newStart: 14, newCount: 1 });
  assert.deepEqual(parseHunkHeader('@@ -0,0 +1,4 @@'), { oldStart: 0, oldCount: 0, newStart: 1, newCount: 4 });
  assert.equal(parseHunkHeader('@@ -x +1 @@'), undefined);
  assert.equal(parseHunkHeader('@@ -1 +1'), undefined);
});

void test('only @@ header lines count, content lines that look like headers do not', () => {
  const diff = ['diff --git a/a.ts b/a.ts', '--- a/a.ts', '+++ b/a.ts', '@@ -3 +3 @@', '-@@ -1 +1 @@', '+x', '@@ -9,0 +10,2 @@', '+a', '+b', ''].join('\n');
  assert.deepEqual(parseZeroContextDiff(diff), [
    { oldStart: 3, oldCount: 1, newStart: 3, newCount: 1 },
    { oldStart: 9, oldCount: 0, newStart: 10, newCount: 2 },
  ]);
});

// old: 20 lines. Insert 2 after line 1; replace lines 5-6 by 3 lines; delete lines 10-11; insert 1 after 15.
const hunks: Hunk[] = [
  { oldStart: 1, oldCount: 0, newStart: 2, newCount: 2 },
  { oldStart: 5, oldCount: 2, newStart: 7, newCount: 3 },
  { oldStart: 10, oldCount: 2, newStart: 12, newCount: 0 },
  { oldStart: 15, oldCount: 0, newStart: 17, newCount: 1 },
];

void test('lines that only moved keep changed=false; edited and deleted lines are changed', () => {
  assert.deepEqual(moveLine(hunks, 1), { line: 1, changed: false });
  assert.deepEqual(moveLine(hunks, 2), { line: 4, changed: false });
  assert.deepEqual(moveLine(hunks, 5), { line: 7, changed: true });
  assert.deepEqual(moveLine(hunks, 6), { line: 8, changed: true });
  assert.deepEqual(moveLine(hunks, 7), { line: 10, changed: false });
  assert.deepEqual(moveLine(hunks, 10), { line: 12, changed: true });
  assert.deepEqual(moveLine(hunks, 12), { line: 13, changed: false });
  assert.deepEqual(moveLine(hunks, 15), { line: 16, changed: false });
  assert.deepEqual(moveLine(hunks, 16), { line: 18, changed: false });
  assert.deepEqual(moveLine([], 42), { line: 42, changed: false });
});

void test('a replacement shorter than the block maps its tail onto the last new line', () => {
  assert.deepEqual(moveLine([{ oldStart: 3, oldCount: 4, newStart: 3, newCount: 1 }], 6), { line: 3, changed: true });
  assert.deepEqual(moveLine([{ oldStart: 1, oldCount: 3, newStart: 0, newCount: 0 }], 2), { line: 1, changed: true });
});

void test('random diffs and hunks never throw, and lines stay at least 1', () => {
  fc.assert(fc.property(fc.string({ maxLength: 500 }), (text) => void parseZeroContextDiff(`@@ -${text}\n${text}`)));
  const hunk = fc.record({ oldStart: fc.nat(1000), oldCount: fc.nat(20), newStart: fc.nat(1000), newCount: fc.nat(20) });
  fc.assert(
    fc.property(fc.array(hunk, { maxLength: 20 }), fc.integer({ min: 1, max: 2000 }), (hs, line) => {
      const sorted = [...hs].sort((a, b) => a.oldStart - b.oldStart);
      assert.ok(moveLine(sorted, line).line >= 1);
    }),
  );
});

void test('fuzz regressions in test/fixtures/fuzz/lineDrift move lines where they say', () => {
  const dir = path.join(__dirname, '..', '..', '..', 'fixtures', 'fuzz', 'lineDrift');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const r = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { why: string; hunks: Hunk[]; line: number; expected: MovedLine };
    assert.deepEqual(moveLine(r.hunks, r.line), r.expected, `${file}: ${r.why}`);
  }
});
