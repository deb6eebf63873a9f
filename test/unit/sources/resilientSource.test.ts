import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../../../src/core/events';
import { backoffDelay } from '../../../src/sources/backoff';
import { HttpSourceError } from '../../../src/sources/http/httpError';
import { ResilientSource } from '../../../src/sources/resilientSource';
import { SourceError, type PollResult, type Source, type SourceHealth } from '../../../src/sources/source';

const WINDOW = { since: 0, until: 1 };
const incident: Incident = { id: 'a1', source: 'fake', title: 'HighErrorRate', status: 'firing', startsAt: 0, labels: {}, runbookUrls: [] };

/** A source whose next answers the test scripts: a result, an error, or a promise it controls. */
class ScriptedSource implements Source {
  readonly name = 'fake';
  readonly type = 'fake';
  calls = 0;
  readonly script: Array<PollResult | Error | (() => Promise<PollResult>)> = [];
  async poll(): Promise<PollResult> {
    this.calls += 1;
    const next = this.script.shift() ?? { events: [], incidents: [] };
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  }
  health(): SourceHealth {
    return { name: this.name, type: this.type, state: 'idle', eventsFetched: 0, skipped: 3 };
  }
  dispose(): void {}
}

function setup(pollTimeoutMs = 60_000) {
  let now = 1_000_000;
  const inner = new ScriptedSource();
  const source = new ResilientSource(inner, { now: () => now, random: () => 0.5, backoff: { baseMs: 1000, maxMs: 8000 }, pollTimeoutMs });
  return { inner, source, advance: (ms: number) => (now += ms), now: () => now };
}

void test('a failure keeps the last good incidents, marks the source stale with the reason, and recovery clears it', async () => {
  const { inner, source, advance, now } = setup();
  inner.script.push({ events: [{ timestamp: 1, message: 'x', source: 'fake' }], incidents: [incident] });
  const first = await source.poll(WINDOW);
  assert.deepEqual(first.incidents, [incident]);
  assert.equal(source.health().state, 'ok');
  assert.equal(source.health().eventsFetched, 1);
  assert.equal(source.health().skipped, 3, 'the inner source’s own counters come through');

  inner.script.push(new SourceError('fake', 'backend down'));
  const failed = await source.poll(WINDOW);
  assert.deepEqual(failed.incidents, [incident], 'last good incidents kept');
  assert.deepEqual(failed.events, []);
  assert.equal(failed.failure?.reason, 'backend down');
  const stale = source.health();
  assert.equal(stale.state, 'stale');
  assert.equal(stale.stale, true);
  assert.equal(stale.lastError?.reason, 'backend down');
  assert.equal(stale.consecutiveFailures, 1);
  assert.equal(stale.nextRetryAt, now() + 750, 'base 1000 ms with equal jitter at random 0.5');

  advance(750);
  inner.script.push({ events: [], incidents: [] });
  const recovered = await source.poll(WINDOW);
  assert.deepEqual(recovered.incidents, []);
  assert.equal(source.health().state, 'ok');
  assert.equal(source.health().stale, false);
  assert.equal(source.health().nextRetryAt, undefined);
  assert.equal(source.health().lastError?.reason, 'backend down', 'the last error stays visible for the report');
});

void test('while backing off the backend is not contacted; delays double up to the cap', async () => {
  const { inner, source, advance } = setup();
  const delays: number[] = [];
  for (let i = 0; i < 6; i++) {
    inner.script.push(new SourceError('fake', `down ${i}`));
    await source.poll(WINDOW);
    const health = source.health();
    const wait = health.nextRetryAt! - health.lastError!.at;
    delays.push(wait);
    const calls = inner.calls;
    advance(wait - 1);
    await source.poll(WINDOW);
    assert.equal(inner.calls, calls, 'no request before the back-off ends');
    advance(1);
  }
  assert.deepEqual(delays, [750, 1500, 3000, 6000, 6000, 6000]);
});

void test("a backend's Retry-After is honoured when longer than the back-off", async () => {
  const { inner, source } = setup();
  inner.script.push(new HttpSourceError('fake', 'rate-limited', 'slow down', { status: 429, retryAfterMs: 120_000 }));
  await source.poll(WINDOW);
  const health = source.health();
  assert.equal(health.nextRetryAt! - health.lastError!.at, 120_000);
  assert.match(health.lastError!.reason, /slow down/);
});

void test('a poll that never finishes is abandoned at the deadline and not started twice', async () => {
  const { inner, source, advance } = setup(50);
  let release!: (r: PollResult) => void;
  inner.script.push(() => new Promise<PollResult>((resolve) => (release = resolve)));
  const result = await source.poll(WINDOW);
  assert.match(result.failure!.reason, /did not finish within 0.05 s/);
  advance(10_000);
  await source.poll(WINDOW);
  assert.equal(inner.calls, 1, 'the hung poll is still running: no second one');
  release({ events: [], incidents: [] });
  await new Promise(setImmediate); // let the released poll's promise chain settle
  await source.poll(WINDOW);
  assert.equal(inner.calls, 2);
  assert.equal(source.health().state, 'ok');
});

void test('never succeeded is failing, not stale', async () => {
  const { inner, source } = setup();
  inner.script.push(new Error('boom'));
  await source.poll(WINDOW);
  assert.equal(source.health().state, 'failing');
});

void test('back-off jitter stays within half to all of the exponential delay', () => {
  const policy = { baseMs: 1000, maxMs: 60_000 };
  assert.equal(backoffDelay(3, policy, undefined, () => 0), 2000);
  assert.equal(backoffDelay(3, policy, undefined, () => 1), 4000);
  assert.equal(backoffDelay(50, policy, undefined, () => 1), 60_000);
  assert.equal(backoffDelay(1, policy, 5000, () => 1), 5000);
});

void test('a remote backend is contacted at most once per minimum interval; retryNow lifts it', async () => {
  let now = 0;
  const inner = new ScriptedSource();
  const source = new ResilientSource(inner, { now: () => now, minIntervalMs: 30_000 });
  inner.script.push({ events: [], incidents: [incident] });
  await source.poll(WINDOW);
  now += 1000;
  const skipped = await source.poll(WINDOW);
  assert.equal(inner.calls, 1, 'a watched file asking for polls does not reach the backend');
  assert.deepEqual(skipped.incidents, [incident]);
  source.retryNow();
  await source.poll(WINDOW);
  assert.equal(inner.calls, 2, 'Refresh or a new credential contacts it at once');
  now += 30_000;
  await source.poll(WINDOW);
  assert.equal(inner.calls, 3);
});

void test("retryNow ends a back-off but not the backend's Retry-After", async () => {
  const { inner, source, advance } = setup();
  inner.script.push(new SourceError('fake', 'down'));
  await source.poll(WINDOW);
  source.retryNow();
  await source.poll(WINDOW);
  assert.equal(inner.calls, 2, 'plain back-off lifted');
  inner.script.push(new HttpSourceError('fake', 'rate-limited', 'slow down', { status: 429, retryAfterMs: 60_000 }));
  advance(10_000);
  await source.poll(WINDOW);
  source.retryNow();
  await source.poll(WINDOW);
  assert.equal(inner.calls, 3, 'still waiting out the 429');
  advance(60_000);
  await source.poll(WINDOW);
  assert.equal(inner.calls, 4);
});
