import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Aggregator, type Occurrence } from '../../../../src/core/aggregate/aggregator';
import { seededRandom as random } from '../../../support/seededRandom';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1);

function occurrence(fingerprint: string, timestamp: number, extra: Partial<Occurrence> = {}): Occurrence {
  return { fingerprint, kind: 'error', location: { file: 'a.ts', line: 1 }, timestamp, count: 1, message: `m@${timestamp}`, source: 'file', ...extra };
}


void test('1M events over 200k fingerprints keep at most maxGroups groups: the most recently seen ones', () => {
  const cap = 100_000;
  let now = T0;
  const aggregator = new Aggregator(DAY, () => now, { maxGroups: cap });
  const next = random(42);
  const lastSeen = new Map<string, number>();
  let maxSize = 0;
  for (let i = 0; i < 1_000_000; i++) {
    now = T0 + i; // one event per millisecond, in time order
    const fingerprint = `fp${Math.floor(next() * 200_000)}`;
    aggregator.add(occurrence(fingerprint, now));
    lastSeen.set(fingerprint, now);
    if (aggregator.size > maxSize) maxSize = aggregator.size;
  }
  assert.ok(maxSize <= cap, `size reached ${maxSize}`);
  assert.equal(aggregator.size, cap);
  const expected = [...lastSeen.entries()].sort((a, b) => b[1] - a[1]).slice(0, cap).map(([f]) => f).sort();
  const kept = aggregator.snapshot().map((g) => g.fingerprint).sort();
  assert.deepEqual(kept, expected);
});

void test('events arriving out of time order never push the size past the cap', () => {
  const cap = 5_000;
  const now = T0;
  const aggregator = new Aggregator(DAY, () => now, { maxGroups: cap });
  const next = random(7);
  for (let i = 0; i < 100_000; i++) {
    aggregator.add(occurrence(`fp${Math.floor(next() * 20_000)}`, now - Math.floor(next() * DAY)));
    assert.ok(aggregator.size <= cap);
  }
  const counted = aggregator.snapshot().reduce((n, g) => n + g.count, 0);
  assert.ok(counted > 0 && counted <= 100_000);
});

void test('the window drops old events and expires groups as time moves on, without a snapshot', () => {
  let now = T0;
  const aggregator = new Aggregator(HOUR, () => now);
  aggregator.add(occurrence('too-old', now - 2 * HOUR));
  aggregator.add(occurrence('future', now + 2 * HOUR));
  assert.equal(aggregator.size, 0);
  aggregator.add(occurrence('a', now));
  aggregator.add(occurrence('b', now + 10));
  now += HOUR + 5;
  aggregator.add(occurrence('c', now));
  assert.deepEqual(aggregator.snapshot().map((g) => g.fingerprint).sort(), ['b', 'c']);
  now += 20;
  assert.deepEqual(aggregator.snapshot().map((g) => g.fingerprint), ['c']);
  assert.equal(aggregator.size, 1);
});

void test('samples of a log group stay the newest few, newest first, whatever the arrival order', () => {
  const now = T0;
  const aggregator = new Aggregator(DAY, () => now, { maxSamples: 3 });
  for (const offset of [50, 10, 40, 20, 30, 5]) aggregator.add(occurrence('g', now - offset * 1000, { kind: 'log', level: 'error' }));
  const [group] = aggregator.snapshot();
  assert.deepEqual(group!.samples.map((s) => (now - s.timestamp) / 1000), [5, 10, 20]);
  assert.equal(group!.count, 6);
  assert.equal(group!.firstSeen, now - 50_000);
  assert.equal(group!.lastSeen, now - 5000);
  assert.equal(group!.message, `m@${now - 5000}`, 'the newest occurrence speaks for the group');
  assert.equal(group!.levelCounts.error, 6);
});

void test('releases are capped, keeping the latest ones', () => {
  const now = T0;
  const aggregator = new Aggregator(DAY, () => now, { maxReleases: 2 });
  for (const release of ['1.0', '1.1', '1.0', '1.2']) aggregator.add(occurrence('g', now, { release }));
  assert.deepEqual(aggregator.snapshot()[0]!.releases, ['1.1', '1.2']);
});

void test('hourly buckets line up with the window ending now', () => {
  const now = T0 + 23 * HOUR + 30 * 60_000;
  const aggregator = new Aggregator(DAY, () => now);
  aggregator.add(occurrence('g', now, { count: 2 }));
  aggregator.add(occurrence('g', now - HOUR));
  aggregator.add(occurrence('g', now - 23 * HOUR));
  const hourly = aggregator.snapshot()[0]!.hourly;
  assert.equal(hourly.length, 24);
  assert.deepEqual([hourly[0], hourly[22], hourly[23]], [1, 1, 2]);
  assert.equal(hourly.reduce((a, b) => a + b, 0), 4);
});

void test('what a group keeps of an event is bounded: messages, stack, frames, causes, release names', () => {
  const now = T0;
  const aggregator = new Aggregator(DAY, () => now, { maxTextLength: 100, maxStackLength: 1000, maxFrames: 3, maxCauses: 2 });
  const frames = Array.from({ length: 10_000 }, (_, i) => ({ file: 'a.ts', line: i + 1 }));
  const causes = Array.from({ length: 50 }, () => ({ type: 'E', message: 'c'.repeat(10_000) }));
  aggregator.add(occurrence('log', now, { kind: 'log', message: 'm'.repeat(1_000_000) }));
  assert.equal(aggregator.snapshot()[0]!.samples[0]!.message.length, 101);
  aggregator.add(occurrence('g', now, { message: 'm'.repeat(1_000_000), stacktrace: 's'.repeat(1_000_000), release: 'r'.repeat(500), calledFrom: frames, causedBy: causes }));
  const group = aggregator.snapshot().find((g) => g.fingerprint === 'g');
  assert.equal(group!.message.length, 101);
  assert.ok(group!.message.endsWith('…'));
  assert.equal(group!.stacktrace!.length, 1001);
  assert.equal(group!.releases[0]!.length, 101);
  assert.deepEqual(group!.calledFrom.map((f) => f.line), [1, 2, 3]);
  assert.deepEqual(group!.causedBy.map((c) => c.message.length), [101, 101]);
});

void test('groups share what they repeat: one instance per type, service, location and called-from list', () => {
  const now = T0;
  const aggregator = new Aggregator(DAY, () => now);
  // Every event carries fresh copies, as a parser produces them.
  const fresh = (text: string): string => [...text].join('');
  for (let g = 0; g < 50; g++) {
    const calledFrom = [{ file: fresh('src/main.ts'), line: 4, column: 3 }];
    aggregator.add(occurrence(`g${g}`, now, { type: fresh('TypeError'), service: fresh('checkout-service'), location: { file: fresh('src/pay.ts'), line: 10 + g }, calledFrom }));
  }
  const groups = aggregator.snapshot();
  assert.equal(groups.length, 50);
  for (const g of groups) {
    assert.equal(g.calledFrom, groups[0]!.calledFrom, 'one called-from list for all');
    assert.equal(g.location.file, groups[0]!.location.file);
    assert.deepEqual(g.calledFrom, [{ file: 'src/main.ts', line: 4, column: 3 }]);
  }
  assert.ok(Object.isFrozen(groups[0]!.calledFrom), 'a shared list cannot be changed through one group');
});

void test('snapshot returns the live groups: a later event updates the group already returned', () => {
  let now = T0;
  const aggregator = new Aggregator(DAY, () => now);
  aggregator.add(occurrence('g', now, { stacktrace: 'Error: a\n    at f (a.ts:1:1)' }));
  const [first] = aggregator.snapshot();
  now += 1000;
  aggregator.add(occurrence('g', now, { stacktrace: 'Error: b\n    at f (a.ts:1:1)' }));
  const [second] = aggregator.snapshot();
  assert.equal(second, first);
  assert.equal(first!.count, 2);
  assert.equal(first!.stacktrace, 'Error: b\n    at f (a.ts:1:1)');
  assert.equal(first!.lastSeen, now);
});

void test('hourly buckets move with the clock, also for a group with no new events; a slightly future event counts now', () => {
  let now = T0 + 10 * HOUR + 5 * 60_000;
  const aggregator = new Aggregator(6 * HOUR, () => now);
  aggregator.add(occurrence('g', now, { count: 3 }));
  aggregator.add(occurrence('g', now + 30 * 60_000)); // a clock 30 minutes ahead, next hour
  assert.deepEqual(aggregator.snapshot()[0]!.hourly, [0, 0, 0, 0, 0, 4]);
  now += 2 * HOUR;
  assert.deepEqual(aggregator.snapshot()[0]!.hourly, [0, 0, 0, 4, 0, 0]);
  now += 3 * HOUR;
  assert.deepEqual(aggregator.snapshot()[0]!.hourly, [4, 0, 0, 0, 0, 0]);
  now += 10 * HOUR;
  assert.equal(aggregator.snapshot().length, 0, 'out of the window');
});

void test('error groups keep no samples (nothing shows them); log groups do', () => {
  const now = T0;
  const aggregator = new Aggregator(DAY, () => now);
  for (let i = 0; i < 10; i++) {
    aggregator.add(occurrence('error', now - i));
    aggregator.add(occurrence('log', now - i, { kind: 'log' }));
  }
  const byId = new Map(aggregator.snapshot().map((g) => [g.fingerprint, g]));
  assert.deepEqual(byId.get('error')!.samples, []);
  assert.equal(byId.get('error')!.count, 10);
  assert.equal(byId.get('log')!.samples.length, 5);
});

void test('stack traces share a budget: the least recently stored are cut to their first lines, a new occurrence restores one', () => {
  let now = T0;
  const aggregator = new Aggregator(DAY, () => now, { maxStackChars: 3000, stackHeadLength: 100 });
  const trace = (g: number): string => [`Error: failure ${g}`, ...Array.from({ length: 30 }, (_, i) => `    at f${i} (/srv/app/src/m${g}.ts:${i + 1}:5)`)].join('\n');
  for (let g = 0; g < 10; g++) {
    now += 1000;
    aggregator.add(occurrence(`g${g}`, now, { stacktrace: trace(g) }));
  }
  const full = trace(0).length;
  const byId = (): Map<string, string> => new Map(aggregator.snapshot().map((g) => [g.fingerprint, g.stacktrace!]));
  let traces = byId();
  const kept = [...traces].filter(([id, t]) => t === trace(Number(id.slice(1))));
  const cut = [...traces].filter(([id, t]) => t !== trace(Number(id.slice(1))));
  assert.equal(kept.length, Math.floor(3000 / full), 'as many whole traces as the budget holds');
  assert.deepEqual(kept.map(([id]) => id), ['g8', 'g9'].slice(-kept.length), 'the most recent ones');
  for (const [id, t] of cut) {
    assert.ok(t.startsWith(`Error: failure ${id.slice(1)}\n    at f0 `), t);
    assert.ok(t.length < 100 + 120, `${t.length}`);
    assert.match(t, /more characters cut to bound the server's memory/);
  }
  now += 1000;
  aggregator.add(occurrence('g0', now, { stacktrace: trace(0) }));
  traces = byId();
  assert.equal(traces.get('g0'), trace(0), 'the next occurrence brings the whole trace back');
  assert.notEqual(traces.get('g8'), trace(8), 'and the oldest full one is cut in its place');
});

void test('a trace that recurs stays whole when the budget cuts others', () => {
  let now = T0;
  const aggregator = new Aggregator(HOUR, () => now, { maxStackChars: 2500, stackHeadLength: 100 });
  const trace = (g: number): string => [`Error: ${g}`, ...Array.from({ length: 30 }, (_, i) => `    at f${i} (/srv/m${g}.ts:${i + 1}:5)`)].join('\n');
  aggregator.add(occurrence('busy', now, { stacktrace: trace(0) }));
  now += 1000;
  aggregator.add(occurrence('other', now, { stacktrace: trace(1) }));
  now += 1000;
  aggregator.add(occurrence('busy', now, { stacktrace: trace(0) })); // recurs: now the most recent
  now += 1000;
  aggregator.add(occurrence('third', now, { stacktrace: trace(2) }));
  const traces = new Map(aggregator.snapshot().map((g) => [g.fingerprint, g.stacktrace!]));
  assert.equal(traces.get('busy'), trace(0));
  assert.notEqual(traces.get('other'), trace(1));
  assert.equal(traces.get('third'), trace(2));
});

void test('groups with equal hourly counts share one frozen array until they count again', () => {
  const now = T0 + 12 * HOUR;
  const aggregator = new Aggregator(DAY, () => now);
  for (let g = 0; g < 100; g++) aggregator.add(occurrence(`g${g}`, now - (g % 2) * HOUR));
  const groups = aggregator.snapshot();
  const distinct = new Set(groups.map((g) => g.hourly));
  assert.equal(distinct.size, 2, 'one array per pattern');
  assert.ok(Object.isFrozen(groups[0]!.hourly));
  aggregator.add(occurrence('g0', now));
  const [g0, g2] = [groups.find((g) => g.fingerprint === 'g0')!, groups.find((g) => g.fingerprint === 'g2')!];
  assert.equal(g0.hourly.at(-1), 2, 'the group that counted has its own copy');
  assert.equal(g2.hourly.at(-1), 1, 'the others are untouched');
  aggregator.snapshot();
  assert.notEqual(g0.hourly, g2.hourly);
});
