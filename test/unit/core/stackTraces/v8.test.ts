import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStackTrace } from '../../../../src/core/stackTraces/parseStackTrace';
import { parseV8Frame, parseV8Stack } from '../../../../src/core/stackTraces/v8';

void test('a constructor frame drops `new` and an aliased method drops `[as …]`', () => {
  assert.deepEqual(parseV8Frame('    at new Cart (/app/cart.js:9:5)'), { file: '/app/cart.js', line: 9, column: 5, function: 'Cart' });
  assert.deepEqual(parseV8Frame('    at Object.pay [as charge] (/app/pay.js:3:1)'), { file: '/app/pay.js', line: 3, column: 1, function: 'Object.pay' });
});

void test('async frames, Promise.all (index N) and native frames', () => {
  assert.deepEqual(parseV8Frame('    at async run (file:///app/run.mjs:4:3)'), { file: 'file:///app/run.mjs', line: 4, column: 3, function: 'run' });
  assert.deepEqual(parseV8Frame('    at async Promise.all (index 3)'), { function: 'Promise.all', native: true });
  assert.deepEqual(parseV8Frame('    at Array.map (<anonymous>)'), { function: 'Array.map', native: true });
  assert.deepEqual(parseV8Frame('    at JSON.parse (native)'), { function: 'JSON.parse', native: true });
  assert.equal(parseV8Frame('    at Module._compile (node:internal/modules/cjs/loader:1105:14)')?.native, true);
});

void test('nested eval frames point at the outermost evaluating call site', () => {
  const frame = parseV8Frame('    at eval (eval at inner (eval at outer (/app/x.js:7:3), <anonymous>:1:1), <anonymous>:2:5)');
  assert.deepEqual(frame, { file: '/app/x.js', line: 7, column: 3, function: 'eval' });
});

void test('a path with parentheses and spaces keeps them', () => {
  assert.deepEqual(parseV8Frame('    at run (/srv/my app (v2)/index.js:1:2)'), { file: '/srv/my app (v2)/index.js', line: 1, column: 2, function: 'run' });
});

void test("Chrome's `Uncaught` prefix and a multi-line message", () => {
  const parsed = parseV8Stack('Uncaught TypeError: bad input\nsecond line\n    at https://shop.example/app.js:10:5');
  assert.deepEqual(parsed?.exceptions[0], {
    type: 'TypeError',
    message: 'bad input\nsecond line',
    frames: [{ file: 'https://shop.example/app.js', line: 10, column: 5 }],
  });
});

void test('a log prefix before the header is dropped; properties printed after the frames are ignored', () => {
  const text = "[12:00:01] request failed\nError: ECONNREFUSED\n    at connect (/app/db.js:3:9) {\n  code: 'ECONNREFUSED'\n}";
  const parsed = parseV8Stack(text);
  assert.equal(parsed?.exceptions.length, 1);
  assert.equal(parsed?.exceptions[0]?.type, 'Error');
  assert.deepEqual(parsed?.exceptions[0]?.frames, [{ file: '/app/db.js', line: 3, column: 9, function: 'connect' }]);
});

void test('text without frames is not a V8 stack', () => {
  assert.equal(parseV8Stack('Error: nothing here'), undefined);
});

void test('an address with @ in the message does not turn a V8 stack into a Firefox one', () => {
  const parsed = parseStackTrace('Error: cannot reach postgres://app@db:5432\n    at connect (/app/db.js:3:9)');
  assert.equal(parsed?.runtime, 'v8');
  assert.equal(parsed?.exceptions[0]?.message, 'cannot reach postgres://app@db:5432');
});

void test('a URL or a drive letter before the header is not an exception type', () => {
  const esm = parseV8Stack('file:///app/x.mjs:4\n  throw new TypeError("bad")\n  ^\n\nTypeError: bad\n    at file:///app/x.mjs:4:9');
  assert.equal(esm?.exceptions[0]?.type, 'TypeError');
  const windows = parseV8Stack('C:\\app\\x.js:4\n\nRangeError: too far\n    at C:\\app\\x.js:4:9');
  assert.deepEqual(windows?.exceptions[0], { type: 'RangeError', message: 'too far', frames: [{ file: 'C:\\app\\x.js', line: 4, column: 9 }] });
});

void test("an AggregateError with a stack of its own keeps it, and each listed error becomes a member", () => {
  const text = [
    'AggregateError: All promises were rejected',
    '    at run (/app/run.js:9:3) {',
    '  [errors]: [',
    '    Error: eu down',
    '        at fetchEu (/app/fetch.js:2:9),',
    '    Error: us down',
    '        at fetchUs (/app/fetch.js:5:9)',
    '  ]',
    '}',
  ].join('\n');
  assert.deepEqual(parseV8Stack(text)?.exceptions.map((e) => [e.message, e.frames.map((f) => f.line)]), [
    ['All promises were rejected', [9]],
    ['eu down', [2]],
    ['us down', [5]],
  ]);
});
