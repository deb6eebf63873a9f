import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { ServerWatchdog } from '../../../src/extension/supervision/serverWatchdog';

const TIMES = { intervalMs: 1_000, deadlineMs: 3_000 };

/** A ping the test answers by hand, recording how many were sent. */
function manualPing() {
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  return {
    pending,
    ping: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
  };
}

/** Lets the promise callbacks queued by an answer run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

void test('pings every interval while the server answers, and never reports a hang', async () => {
  const { pending, ping } = manualPing();
  const hangs: number[] = [];
  const watchdog = new ServerWatchdog(ping, (ms) => hangs.push(ms), TIMES);
  watchdog.start();
  for (let round = 1; round <= 5; round++) {
    mock.timers.tick(TIMES.intervalMs);
    assert.equal(pending.length, round, `ping ${round} sent after the interval`);
    mock.timers.tick(TIMES.deadlineMs - 1);
    pending[round - 1]!.resolve();
    await settle();
  }
  mock.timers.tick(TIMES.deadlineMs * 2);
  assert.deepEqual(hangs, []);
  watchdog.stop();
});

void test('a ping unanswered for the deadline is a hang, reported once', async () => {
  const { pending, ping } = manualPing();
  const hangs: number[] = [];
  const watchdog = new ServerWatchdog(ping, (ms) => hangs.push(ms), TIMES);
  watchdog.start();
  mock.timers.tick(TIMES.intervalMs);
  assert.equal(pending.length, 1);
  mock.timers.tick(TIMES.deadlineMs - 1);
  assert.deepEqual(hangs, []);
  mock.timers.tick(1);
  assert.deepEqual(hangs, [TIMES.deadlineMs]);
  // Stopped after reporting: no second report, no further pings, and a late answer changes nothing.
  mock.timers.tick(TIMES.deadlineMs * 10);
  pending[0]!.resolve();
  await settle();
  mock.timers.tick(TIMES.deadlineMs * 10);
  assert.deepEqual(hangs, [TIMES.deadlineMs]);
  assert.equal(pending.length, 1);
});

void test('only one ping is outstanding at a time, even when asked to check now', () => {
  const { pending, ping } = manualPing();
  const watchdog = new ServerWatchdog(ping, () => undefined, TIMES);
  watchdog.start();
  watchdog.checkNow();
  watchdog.checkNow();
  mock.timers.tick(TIMES.intervalMs);
  assert.equal(pending.length, 1);
  watchdog.stop();
});

void test('checkNow() pings at once, without waiting for the interval', () => {
  const { pending, ping } = manualPing();
  const hangs: number[] = [];
  const watchdog = new ServerWatchdog(ping, (ms) => hangs.push(ms), TIMES);
  watchdog.start();
  watchdog.checkNow();
  assert.equal(pending.length, 1);
  mock.timers.tick(TIMES.deadlineMs);
  assert.equal(hangs.length, 1);
});

void test('stop() while a ping is outstanding: no hang is reported for it, and a restart watches afresh', async () => {
  const { pending, ping } = manualPing();
  const hangs: number[] = [];
  const watchdog = new ServerWatchdog(ping, (ms) => hangs.push(ms), TIMES);
  watchdog.start();
  watchdog.checkNow();
  watchdog.stop();
  mock.timers.tick(TIMES.deadlineMs * 2);
  assert.deepEqual(hangs, []);
  watchdog.start();
  pending[0]!.resolve(); // the old run's answer must not count for the new one
  await settle();
  mock.timers.tick(TIMES.intervalMs);
  assert.equal(pending.length, 2);
  mock.timers.tick(TIMES.deadlineMs);
  assert.equal(hangs.length, 1);
});

void test('a failed ping (connection closed) is left to the close handler: no hang, pinging goes on', async () => {
  const { pending, ping } = manualPing();
  const hangs: number[] = [];
  const watchdog = new ServerWatchdog(ping, (ms) => hangs.push(ms), TIMES);
  watchdog.start();
  watchdog.checkNow();
  pending[0]!.reject(new Error('connection closed'));
  await settle();
  mock.timers.tick(TIMES.deadlineMs);
  assert.deepEqual(hangs, []);
  assert.equal(pending.length, 2, 'the next interval pinged again');
  watchdog.stop();
});
