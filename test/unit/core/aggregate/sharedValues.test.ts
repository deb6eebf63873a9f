import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedValues, detached, sameFrames } from '../../../../src/core/aggregate/sharedValues';

void test('equal values come back as one instance; the pools stay within their capacity', () => {
  const shared = new SharedValues(64);
  const a = shared.text(['Type', 'Error'].join(''));
  assert.equal(shared.text('TypeError'), a);
  const l = shared.location({ file: 'a.ts', line: 3 });
  assert.equal(shared.location({ file: 'a.ts', line: 3 }), l);
  assert.notEqual(shared.location({ file: 'a.ts', line: 3, column: 1 }), l);
  const list = shared.frames([{ file: 'a.ts', line: 3 }, { file: 'b.ts', line: 9 }]);
  assert.equal(shared.frames([{ file: 'a.ts', line: 3 }, { file: 'b.ts', line: 9 }]), list);
  assert.equal(list[0], l, 'lists hold the pooled locations');
  for (let i = 0; i < 10_000; i++) {
    shared.text(`service-${i}`);
    shared.location({ file: `f${i}.ts`, line: i });
    shared.frames([{ file: `f${i}.ts`, line: i }]);
  }
  assert.ok(shared.size <= 3 * 64, `${shared.size} values pooled`);
});

void test('a value no group uses any more leaves the pool once enough others have come', () => {
  const shared = new SharedValues(8);
  const first = shared.location({ file: 'gone.ts', line: 1 });
  assert.equal(shared.location({ file: 'gone.ts', line: 1 }), first, 'still pooled');
  for (let i = 0; i < 8; i++) shared.location({ file: `other${i}.ts`, line: 1 });
  const again = shared.location({ file: 'gone.ts', line: 1 });
  assert.notEqual(again, first, 'the pool let go of it: only the groups holding it kept it alive');
  assert.deepEqual(again, first);
});

void test('detached copies keep every code unit, lone surrogates included', () => {
  const text = `a${'\ud800'}b${'x'.repeat(40)}${'\udfff'}é😀`;
  const parent = `${'y'.repeat(1000)}${text}${'z'.repeat(1000)}`;
  assert.equal(detached(parent.slice(1000, 1000 + text.length)), text);
  assert.equal(detached('short'), 'short');
});

void test('sameFrames compares locations by file, line and column', () => {
  assert.ok(sameFrames([{ file: 'a', line: 1 }], [{ file: 'a', line: 1 }]));
  assert.ok(!sameFrames([{ file: 'a', line: 1 }], [{ file: 'a', line: 1, column: 2 }]));
  assert.ok(!sameFrames([{ file: 'a', line: 1 }], []));
});
