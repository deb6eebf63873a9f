// Events aggregated per second with more fingerprints than the group cap (1M events
// over 200k fingerprints, maxGroups 100k: an eviction on most new groups), as a
// ratio to a baseline measured in the same run: one Map counter increment per event
// (the least any aggregator must do). Also the heap the groups hold afterwards.
// Run: node --expose-gc --import tsx bench/aggregation.bench.ts
import { Aggregator, type Occurrence } from '../src/core/aggregate/aggregator';
import { seededRandom as random } from '../test/support/seededRandom';

const EVENTS = 1_000_000;
const FINGERPRINTS = 200_000;
const MAX_GROUPS = 100_000;
const T0 = Date.UTC(2026, 0, 1);


function workload(): Occurrence[] {
  const next = random(1);
  return Array.from({ length: EVENTS }, (_, i) => {
    const id = Math.floor(next() * FINGERPRINTS);
    return {
      fingerprint: `fp${id}`,
      kind: 'error' as const,
      location: { file: `src/f${id % 5000}.ts`, line: (id % 300) + 1 },
      timestamp: T0 + i * 50,
      count: 1,
      message: `TypeError: Cannot read properties of undefined (reading 'x${id % 1000}')`,
      source: 'file',
      level: 'error' as const,
      release: `1.${id % 3}`,
    };
  });
}

function best(rounds: number, run: () => void): number {
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    run();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

const events = workload();
const baselineMs = best(3, () => {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.fingerprint, (counts.get(e.fingerprint) ?? 0) + e.count);
});
let aggregator: Aggregator | undefined;
const aggregateMs = best(3, () => {
  const now = T0 + EVENTS * 50;
  aggregator = new Aggregator(24 * 3_600_000, () => now, { maxGroups: MAX_GROUPS });
  for (const e of events) aggregator.add(e);
});
globalThis.gc?.();
const heapMb = process.memoryUsage().heapUsed / 1e6;
console.log(`aggregate: ${Math.round(EVENTS / (aggregateMs / 1000)).toLocaleString('en')} events/s, ${(aggregateMs / baselineMs).toFixed(1)}× the time of a Map counter per event (baseline ${baselineMs.toFixed(0)} ms)`);
console.log(`groups kept: ${aggregator!.size.toLocaleString('en')} (cap ${MAX_GROUPS.toLocaleString('en')}); heap after: ${heapMb.toFixed(0)} MB including the ${EVENTS.toLocaleString('en')} input events`);
