import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupedCount } from '../../../src/server/hoverContent';

void test('hover counts are grouped by thousands as en-US formats them', () => {
  assert.equal(groupedCount(0), '0');
  assert.equal(groupedCount(999), '999');
  assert.equal(groupedCount(1000), '1,000');
  assert.equal(groupedCount(1_234_567), '1,234,567');
  fc.assert(
    fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
      assert.equal(groupedCount(n), n.toLocaleString('en-US'));
    }),
  );
});
