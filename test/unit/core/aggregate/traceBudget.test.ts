import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Group } from '../../../../src/core/aggregate/groups';
import { TraceBudget, type TraceHolder } from '../../../../src/core/aggregate/traceBudget';

function holder(): TraceHolder {
  return { group: { stacktrace: undefined } as Group, traceSlot: undefined };
}

const trace = (n: number): string => ['Error: x', ...Array.from({ length: n }, (_, i) => `    at f${i} (a.ts:${i}:1)`)].join('\n');

void test('the budget counts the full traces held, and gives back what a leaving group held', () => {
  const budget = new TraceBudget(10_000, 50);
  const a = holder();
  const b = holder();
  budget.store(a, trace(40));
  budget.store(b, trace(60));
  assert.equal(budget.chars, trace(40).length + trace(60).length);
  budget.release(a);
  assert.equal(budget.chars, trace(60).length);
  budget.store(b, trace(10)); // replaced by a shorter trace
  assert.equal(budget.chars, trace(10).length);
  budget.store(b, 'Error: short'); // no longer than the head: never cut, not counted
  assert.equal(budget.chars, 0);
});

void test('never over budget: storing cuts the oldest full traces, down to whole lines of the head', () => {
  const budget = new TraceBudget(1000, 60);
  const holders = Array.from({ length: 20 }, holder);
  for (const h of holders) {
    budget.store(h, trace(20));
    assert.ok(budget.chars <= 1000, `${budget.chars}`);
  }
  const cut = holders.filter((h) => h.group.stacktrace !== trace(20));
  assert.equal(cut.length, 20 - Math.floor(1000 / trace(20).length));
  for (const h of cut) {
    const [head] = h.group.stacktrace!.split('\n    … ');
    assert.ok(trace(20).startsWith(`${head!}\n`), 'whole lines from the start');
    assert.ok(head!.length <= 60);
  }
});

void test('a single trace larger than the budget is kept (the group cap bounds it), and cut when the next one comes', () => {
  const budget = new TraceBudget(100, 20);
  const a = holder();
  const b = holder();
  budget.store(a, trace(30));
  assert.equal(a.group.stacktrace, trace(30));
  budget.store(b, trace(30));
  assert.notEqual(a.group.stacktrace, trace(30));
  assert.equal(b.group.stacktrace, trace(30));
});
