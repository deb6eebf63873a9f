import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy, type RestartPolicyOptions } from '../../../src/extension/supervision/restartPolicy';

const OPTIONS: RestartPolicyOptions = { initialDelayMs: 1_000, maxDelayMs: 8_000, healthyAfterMs: 60_000, maxCrashes: 6, windowMs: 120_000 };

/** Crashes the server `times` times, each right after its restart came up; returns the decisions. */
function crashLoop(policy: RestartPolicy, times: number, start = 0): { decisions: ReturnType<RestartPolicy['crashed']>[]; now: number } {
  const decisions: ReturnType<RestartPolicy['crashed']>[] = [];
  let now = start;
  for (let i = 0; i < times; i++) {
    const decision = policy.crashed(now);
    decisions.push(decision);
    if (decision.action === 'restart') now += decision.delayMs;
    policy.running(now);
    now += 100;
  }
  return { decisions, now };
}

void test('restarts back off 1 s, 2 s, 4 s and are capped', () => {
  const { decisions } = crashLoop(new RestartPolicy(OPTIONS), 5);
  assert.deepEqual(
    decisions.map((d) => (d.action === 'restart' ? d.delayMs : d.action)),
    [1_000, 2_000, 4_000, 8_000, 8_000],
  );
});

void test('only the first crash of an incident is a new incident (the one the user is told about)', () => {
  const { decisions } = crashLoop(new RestartPolicy(OPTIONS), 4);
  assert.deepEqual(
    decisions.map((d) => d.newIncident),
    [true, false, false, false],
  );
});

void test('gives up after maxCrashes crashes within the window', () => {
  const { decisions } = crashLoop(new RestartPolicy(OPTIONS), 6);
  assert.equal(decisions[4]!.action, 'restart');
  assert.deepEqual(decisions[5], { action: 'giveUp', crashes: 6, newIncident: false });
});

void test('crashes spread wider than the window never give up, the back-off stays at its cap', () => {
  const policy = new RestartPolicy({ ...OPTIONS, maxCrashes: 3, windowMs: 10_000 });
  let now = 0;
  for (let i = 0; i < 20; i++) {
    const decision = policy.crashed(now);
    assert.equal(decision.action, 'restart', `crash ${i + 1}`);
    policy.running(now + 1_000);
    now += 30_000; // up 29 s each time: not healthy long enough to end the incident, too far apart for the window
  }
  const last = policy.crashed(now);
  assert.ok(last.action === 'restart' && last.delayMs === OPTIONS.maxDelayMs && !last.newIncident);
});

void test('a healthy stretch ends the incident: the next crash is new and restarts after the initial delay', () => {
  const policy = new RestartPolicy(OPTIONS);
  const { now } = crashLoop(policy, 3);
  const later = policy.crashed(now + OPTIONS.healthyAfterMs);
  assert.deepEqual(later, { action: 'restart', delayMs: 1_000, crash: 1, newIncident: true });
});

void test('up for less than the healthy stretch keeps the incident open', () => {
  const policy = new RestartPolicy(OPTIONS);
  const { now } = crashLoop(policy, 2);
  const next = policy.crashed(now + OPTIONS.healthyAfterMs - 200);
  assert.ok(next.action === 'restart' && next.crash === 3 && !next.newIncident);
});

void test('a server that never comes up between crashes stays in one incident however long it takes', () => {
  const policy = new RestartPolicy(OPTIONS);
  policy.crashed(0);
  const second = policy.crashed(10 * OPTIONS.healthyAfterMs);
  assert.ok(second.action === 'restart' && !second.newIncident && second.crash === 2);
});

void test('running() while already up keeps the time it came up', () => {
  const policy = new RestartPolicy(OPTIONS);
  policy.crashed(0);
  policy.running(1_000);
  policy.running(OPTIONS.healthyAfterMs); // a later call must not restart the healthy clock
  assert.equal(policy.crashed(1_000 + OPTIONS.healthyAfterMs).newIncident, true);
});

void test('reset() after giving up starts over', () => {
  const policy = new RestartPolicy(OPTIONS);
  const { decisions, now } = crashLoop(policy, 6);
  assert.equal(decisions.at(-1)!.action, 'giveUp');
  policy.reset();
  assert.deepEqual(policy.crashed(now), { action: 'restart', delayMs: 1_000, crash: 1, newIncident: true });
});
