import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStackTrace } from '../../../../src/core/stackTraces/parseStackTrace';
import { StackTraceCache } from '../../../../src/core/stackTraces/stackTraceCache';
import { loadStackFixtures } from './fixtureFiles';

const fixtures = loadStackFixtures();

void test('a cached parse equals a fresh one for every real trace (and a text without frames stays undefined)', () => {
  const cache = new StackTraceCache(fixtures.length * 2 + 4);
  for (const { id, text } of fixtures) {
    assert.deepEqual(cache.parse(text), parseStackTrace(text), id);
    assert.deepEqual(cache.parse(text), parseStackTrace(text), `${id}, from the cache`);
  }
  assert.equal(cache.parse('no frames here'), undefined);
  assert.equal(cache.parse('no frames here'), undefined);
});

void test('a repeated trace is parsed once: the same result comes back', () => {
  const cache = new StackTraceCache();
  const text = fixtures.find((f) => f.expected !== null)!.text;
  const first = cache.parse(text);
  assert.ok(first);
  assert.equal(cache.parse(text), first);
  assert.equal(cache.size, 1);
});

void test('the cache never holds more than its capacity; evicted traces are parsed again, alike', () => {
  const cache = new StackTraceCache(4);
  const texts = Array.from({ length: 20 }, (_, i) => `Error: e${i}\n    at f${i} (/app/src/a${i}.js:${i + 1}:2)`);
  const first = texts.map((t) => cache.parse(t));
  assert.ok(cache.size <= 4);
  const again = cache.parse(texts[0]!);
  assert.notEqual(again, first[0]);
  assert.deepEqual(again, first[0]);
  assert.equal(cache.parse(texts[19]!), first[19]);
});

void test('a very long trace is parsed but not kept', () => {
  const cache = new StackTraceCache();
  const text = `Error: big\n${'    at f (/app/src/a.js:1:2)\n'.repeat(1000)}`;
  assert.deepEqual(cache.parse(text), parseStackTrace(text));
  assert.equal(cache.size, 0);
});
