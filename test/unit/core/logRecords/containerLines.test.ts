// Container runtimes' wrapping (hand-written here in Docker json-file and CRI formats: no
// container runtime runs on this machine). Each wrapped line is the program's own line, so
// stack traces spread over many wrapped lines must join their record again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogText } from '../../../../src/core/logRecords/parseLogText';

const NOW = Date.UTC(2026, 0, 15, 12);
const parse = (text: string): ReturnType<typeof parseLogText> => parseLogText(text, 's', { now: () => NOW });
const docker = (log: string, time: string, stream = 'stderr'): string => JSON.stringify({ log, stream, time });

void test('Docker json-file: a logback record and its `\\tat` frames, one entry per line, become one event', () => {
  const text = [
    docker('2026-01-15 10:00:00.100 [main] ERROR com.acme.Pay - charge failed\n', '2026-01-15T10:00:00.1001Z'),
    docker('java.lang.IllegalStateException: declined\n', '2026-01-15T10:00:00.1002Z'),
    docker('\tat com.acme.Pay.charge(Pay.java:42)\n', '2026-01-15T10:00:00.1003Z'),
    docker('2026-01-15 10:00:01.000 [main] INFO com.acme.Pay - retry ok\n', '2026-01-15T10:00:01.0001Z', 'stdout'),
  ].join('\n');
  const parsed = parse(text + '\n');
  assert.equal(parsed.skipped, 0);
  assert.deepEqual(
    parsed.events.map((e) => [e.timestamp, e.level, e.logger, e.message, e.exception?.stacktrace]),
    [
      [Date.UTC(2026, 0, 15, 10, 0, 0, 100), 'error', 'com.acme.Pay', 'charge failed', 'java.lang.IllegalStateException: declined\n\tat com.acme.Pay.charge(Pay.java:42)'],
      [Date.UTC(2026, 0, 15, 10, 0, 1), 'info', 'com.acme.Pay', 'retry ok', undefined],
    ],
  );
});

void test('Docker json-file: an NDJSON record inside is mapped like any other; a dateless crash takes the entry time', () => {
  const text = [docker('{"level":50,"time":1768471200000,"msg":"boom"}\n', '2026-01-15T10:00:00.5Z'), docker('panic: nil map\n', '2026-01-15T10:00:02Z'), docker('\n', '2026-01-15T10:00:02Z'), docker('goroutine 1 [running]:\n', '2026-01-15T10:00:02Z'), docker('main.main()\n', '2026-01-15T10:00:02Z'), docker('\t/app/main.go:7 +0x1d\n', '2026-01-15T10:00:02Z')].join('\n');
  const parsed = parse(text);
  assert.deepEqual(
    parsed.events.map((e) => [e.timestamp, e.level, e.message]),
    [
      [1768471200000, 'error', 'boom'],
      [Date.UTC(2026, 0, 15, 10, 0, 2), 'fatal', 'panic: nil map'],
    ],
  );
  assert.ok(parsed.events[1]?.exception?.stacktrace?.endsWith('\t/app/main.go:7 +0x1d'));
});

void test('Docker json-file: a long line cut into pieces (no trailing newline) is joined', () => {
  const message = 'x'.repeat(40_000);
  const line = JSON.stringify({ level: 'error', msg: message });
  const pieces = [line.slice(0, 16_384), line.slice(16_384, 32_768), line.slice(32_768) + '\n'];
  const parsed = parse(pieces.map((p) => docker(p, '2026-01-15T10:00:00Z')).join('\n'));
  assert.equal(parsed.events.length, 1);
  assert.equal(parsed.events[0]?.message, message);
});

void test('CRI (Kubernetes): a Python traceback over many lines, full and partial, becomes one event dated by its header', () => {
  const text = [
    '2026-01-15T10:00:00.123456789Z stderr F 2026-01-15 10:00:00,120 ERROR [worker] job failed',
    '2026-01-15T10:00:00.123456790Z stderr F Traceback (most recent call last):',
    '2026-01-15T10:00:00.123456791Z stderr P   File "/app/jobs.py", ',
    '2026-01-15T10:00:00.123456792Z stderr F line 9, in run',
    '2026-01-15T10:00:00.123456793Z stderr F ValueError: bad row',
    '2026-01-15T10:00:03.000000000Z stdout F level=info msg="next job"',
  ].join('\n');
  const parsed = parse(text);
  assert.equal(parsed.skipped, 0);
  assert.deepEqual(
    parsed.events.map((e) => [e.timestamp, e.level, e.message]),
    [
      [Date.UTC(2026, 0, 15, 10, 0, 0, 120), 'error', 'job failed'],
      [Date.UTC(2026, 0, 15, 10, 0, 3), 'info', 'next job'],
    ],
  );
  assert.equal(parsed.events[0]?.exception?.stacktrace, 'Traceback (most recent call last):\n  File "/app/jobs.py", line 9, in run\nValueError: bad row');
});

void test('a text line that merely starts with a timestamp is not taken for CRI', () => {
  const parsed = parse('2026-01-15T10:00:00.123Z stdout is where it went\n');
  assert.equal(parsed.events[0]?.message, 'stdout is where it went');
});
