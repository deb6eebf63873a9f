import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RecencyList } from '../../../../src/core/aggregate/recencyList';

interface Item {
  key: number;
  prev: Item | undefined;
  next: Item | undefined;
}

function keys(list: RecencyList<Item>): number[] {
  const out: number[] = [];
  for (let item = list.oldest(); item; item = item.next) out.push(item.key);
  return out;
}

void test('behaves like an array ordered from least to most recently seen', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('push' as const), key: fc.nat(20) }),
    fc.record({ kind: fc.constant('touch' as const), key: fc.nat(20) }),
    fc.record({ kind: fc.constant('remove' as const), key: fc.nat(20) }),
    fc.record({ kind: fc.constant('removeOldest' as const), key: fc.constant(0) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const list = new RecencyList<Item>();
      const nodes = new Map<number, Item>();
      let model: number[] = [];
      for (const { kind, key } of ops) {
        const node = nodes.get(key);
        if (kind === 'push' && !node) {
          const item: Item = { key, prev: undefined, next: undefined };
          list.push(item);
          nodes.set(key, item);
          model.push(key);
        } else if (kind === 'touch' && node) {
          list.touch(node);
          model = [...model.filter((k) => k !== key), key];
        } else if (kind === 'remove' && node) {
          list.remove(node);
          nodes.delete(key);
          model = model.filter((k) => k !== key);
        } else if (kind === 'removeOldest') {
          const oldest = list.oldest();
          assert.equal(oldest?.key, model[0]);
          if (oldest) {
            list.remove(oldest);
            nodes.delete(oldest.key);
            model.shift();
          }
        }
        assert.deepEqual(keys(list), model);
      }
    }),
  );
});
