import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RecencyList, type RecencyNode } from '../../../../src/core/aggregate/recencyList';

function keys(list: RecencyList<number>): number[] {
  const out: number[] = [];
  for (let node = list.oldest(); node; node = node.next) out.push(node.value);
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
      const list = new RecencyList<number>();
      const nodes = new Map<number, RecencyNode<number>>();
      let model: number[] = [];
      for (const { kind, key } of ops) {
        const node = nodes.get(key);
        if (kind === 'push' && !node) {
          nodes.set(key, list.push(key));
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
          assert.equal(oldest?.value, model[0]);
          if (oldest) {
            list.remove(oldest);
            nodes.delete(oldest.value);
            model.shift();
          }
        }
        assert.deepEqual(keys(list), model);
      }
    }),
  );
});
