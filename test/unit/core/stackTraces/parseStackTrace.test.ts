import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_EXCEPTIONS, MAX_FRAMES_PER_EXCEPTION, parseStackTrace } from '../../../../src/core/stackTraces/parseStackTrace';

void test('a runaway recursion keeps its crashing frames, up to the bound', () => {
  const frames = Array.from({ length: 1024 }, (_, i) => `\tat com.acme.Tree.depth(Tree.java:${i + 1})`);
  const parsed = parseStackTrace(`java.lang.StackOverflowError\n${frames.join('\n')}`);
  const kept = parsed?.exceptions[0]?.frames ?? [];
  assert.equal(kept.length, MAX_FRAMES_PER_EXCEPTION);
  assert.equal(kept[0]?.line, 1);
  // Python prints the crashing frame last: the bound applies after reordering, so it is kept.
  const py = Array.from({ length: 1000 }, (_, i) => `  File "/app/tree.py", line ${i + 1}, in depth`);
  const pyParsed = parseStackTrace(`Traceback (most recent call last):\n${py.join('\n')}\nRecursionError: too deep`);
  assert.equal(pyParsed?.exceptions[0]?.frames[0]?.line, 1000);
});

void test('a chain longer than the bound keeps the outermost exceptions', () => {
  const causes = Array.from({ length: 40 }, (_, i) => `Caused by: java.lang.Exception: level ${i}\n\tat a.B.c(B.java:${i + 1})`);
  const parsed = parseStackTrace(`java.lang.Exception: top\n\tat a.B.c(B.java:99)\n${causes.join('\n')}`);
  assert.equal(parsed?.exceptions.length, MAX_EXCEPTIONS);
  assert.equal(parsed?.exceptions[0]?.message, 'top');
});

void test('text with no frame in any format is not a stack trace', () => {
  assert.equal(parseStackTrace('connection refused'), undefined);
  assert.equal(parseStackTrace(''), undefined);
});
