import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LruCache } from '../../../src/core/lruCache';

void test('recently used entries survive, the least recently used go first', () => {
  const cache = new LruCache<string, number>(4);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3); // a, b move to the older generation
  assert.equal(cache.get('a'), 1); // a is used again
  cache.set('d', 4);
  cache.set('e', 5);
  assert.equal(cache.has('b'), false);
  assert.equal(cache.get('a'), 1);
  assert.equal(cache.get('e'), 5);
});

void test('undefined and null values are cached like any other', () => {
  const cache = new LruCache<string, number | null | undefined>(4);
  cache.set('n', null);
  cache.set('u', undefined);
  assert.equal(cache.has('u'), true);
  assert.equal(cache.get('n'), null);
});

void test('never holds more than its capacity and keeps the last capacity/2 keys', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 50 }), fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 500 }), (capacity, keys) => {
      const cache = new LruCache<number, number>(capacity);
      for (const k of keys) {
        if (cache.get(k) === undefined) cache.set(k, k);
        assert.ok(cache.size <= capacity);
      }
      const recent = [...new Set([...keys].reverse())].slice(0, Math.floor(capacity / 2));
      for (const k of recent) assert.equal(cache.has(k), true);
    }),
  );
  assert.throws(() => new LruCache(1), RangeError);
});

void test('get and has agree with a model map of the live keys, undefined values included', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 12 }),
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 }), fc.option(fc.integer(), { nil: undefined })), { maxLength: 300 }),
      (capacity, steps) => {
        const cache = new LruCache<number, number | undefined>(capacity);
        const model = new Map<number, number | undefined>();
        for (const [write, key, value] of steps) {
          if (write) {
            cache.set(key, value);
            model.set(key, value);
          } else if (cache.has(key)) {
            assert.equal(model.has(key), true);
            assert.equal(cache.get(key), model.get(key));
          } else assert.equal(cache.get(key), undefined);
          assert.ok(cache.size <= capacity);
        }
      },
    ),
  );
});
