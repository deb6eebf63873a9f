import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';
import { suggestPathMappings } from '../../../../src/core/mapping/pathMappingSuggestion';

const FILES = ['services/orders/src/handler.js', 'services/orders/src/money.js', 'services/payments/src/handler.js', 'services/billing/src/money.js', 'README.md'];

void test('frames that tie between services are mapped to the folder that holds most of them', () => {
  const index = new FileIndex(FILES);
  const paths = new Map([
    ['/srv/app/src/handler.js', 312],
    ['/srv/app/src/money.js', 20],
  ]);
  const [first, ...rest] = suggestPathMappings(paths, index);
  assert.deepEqual(first, { from: '/srv/app/', to: 'services/orders/', frames: 332, alternatives: [] });
  assert.equal(rest.length, 0);
});

void test('paths whose file name is in no workspace file give no suggestion', () => {
  assert.deepEqual(suggestPathMappings(new Map([['/srv/app/dist/bundle.js', 9]]), new FileIndex(FILES)), []);
});

void test('a real tie is reported with its alternatives', () => {
  const [only] = suggestPathMappings(new Map([['/srv/app/src/handler.js', 3]]), new FileIndex(FILES));
  assert.equal(only!.from, '/srv/app/');
  assert.equal(only!.frames, 3);
  assert.deepEqual([only!.to, ...only!.alternatives].sort(), ['services/orders/', 'services/payments/']);
});
