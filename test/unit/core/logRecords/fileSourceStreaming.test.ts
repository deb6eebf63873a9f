// The file source keeps one stream parser per file: a stack trace written after its log
// line was read still joins that record, and a record completes when the file goes quiet.
// What a file holds on first sight is history, complete as read (a one-shot scan reads only that).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileSource } from '../../../../src/sources/fileSource';

const window = { since: 0, until: Number.MAX_SAFE_INTEGER };

void test('a traceback appended after its log line was polled joins that record', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-logs-'));
  try {
    const file = path.join(dir, 'app.log');
    writeFileSync(file, '2026-01-15 10:00:00,000 INFO [api] started\n2026-01-15 10:00:00,500 ERROR [api] boot check failed\n');
    const source = new FileSource({ name: 'app', path: 'app.log', root: dir });
    const first = await source.poll(window);
    assert.deepEqual(first.events.map((e) => e.message), ['started', 'boot check failed'], 'history is complete on first sight');

    appendFileSync(file, '2026-01-15 10:00:01,000 ERROR [api] charge failed\n');
    const waiting = await source.poll(window);
    assert.deepEqual(waiting.events, [], 'a freshly written error line waits for a possible stack');

    appendFileSync(file, 'Traceback (most recent call last):\n  File "/app/pay.py", line 3, in charge\n    raise ValueError("x")\nValueError: x\n');
    const second = await source.poll(window);
    assert.deepEqual(second.events, [], 'still pending: more of the trace could follow');

    const third = await source.poll(window);
    assert.equal(third.events.length, 1, 'the file went quiet: the record is complete');
    assert.equal(third.events[0]?.message, 'charge failed');
    assert.equal(third.events[0]?.exception?.stacktrace?.split('\n').at(-1), 'ValueError: x');
    assert.equal(source.health().skipped, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('malformed lines are counted in the source health and skipped', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-logs-'));
  try {
    writeFileSync(path.join(dir, 'app.log'), '{"level":50,"msg":"boom","time":1768471200000}\n{not json\n\u0000\u0001 binary\n{"level":30,"msg":"ok","time":1768471201000}\n');
    const source = new FileSource({ name: 'app', path: '*.log', root: dir });
    const polled = await source.poll(window);
    assert.deepEqual(polled.events.map((e) => e.message), ['boom', 'ok']);
    assert.equal(source.health().skipped, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a record without a date of its own (an uncaught panic) takes the time the file was last written', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-logs-'));
  try {
    const file = path.join(dir, 'crash.txt');
    writeFileSync(file, 'panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:9 +0x1d\n');
    const written = new Date('2026-01-15T10:00:00Z');
    utimesSync(file, written, written);
    const source = new FileSource({ name: 'crash', path: 'crash.txt', root: dir });
    const polled = await source.poll(window);
    assert.equal(polled.events.length, 1);
    assert.equal(polled.events[0]?.timestamp, statSync(file).mtimeMs);
    assert.equal(polled.events[0]?.level, 'fatal');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
