// Text layouts and logfmt beyond the real-library fixtures: each case is a line as the
// named layout prints it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogfmt } from '../../../../src/core/logRecords/logfmt';
import { LogStreamParser } from '../../../../src/core/logRecords/logStreamParser';
import { parseLogText } from '../../../../src/core/logRecords/parseLogText';
import { parseTextHeader } from '../../../../src/core/logRecords/textHeader';

const NOW = Date.UTC(2026, 0, 15, 12);
const now = (): number => NOW;
const parse = (text: string): ReturnType<typeof parseLogText> => parseLogText(text, 's', { now });

void test('logfmt: quoted values with escapes, bare keys, caller → code', () => {
  assert.deepEqual(parseLogfmt('time=2026-01-15T12:00:00Z level=error msg="quoted \\"x\\" and \\\\ too" caller=main.go:42 retry'), {
    time: '2026-01-15T12:00:00Z',
    level: 'error',
    msg: 'quoted "x" and \\ too',
    caller: 'main.go:42',
    retry: 'true',
  });
  const [event] = parse('ts=1768478400.25 lvl=warn msg="disk at 91%" caller=storage/disk.go:17\n').events;
  assert.deepEqual(
    { t: event?.timestamp, l: event?.level, m: event?.message, c: event?.code },
    { t: 1768478400250, l: 'warn', m: 'disk at 91%', c: { filepath: 'storage/disk.go', lineno: 17 } },
  );
});

void test('logfmt: prose with an equals sign, an unterminated quote or no record key is not logfmt', () => {
  assert.equal(parseLogfmt('the result was x=5 and y=6'), undefined);
  assert.equal(parseLogfmt('level=error msg="never closed'), undefined);
  assert.equal(parseLogfmt('user=alice cart=3'), undefined);
});

void test('text headers: common layouts give time, level, logger and message', () => {
  const cases: [string, object][] = [
    ['2026-01-15T12:00:00.123Z ERROR 4242 --- [main] c.a.p.PaymentService : charge failed', { level: 'error', logger: 'c.a.p.PaymentService', message: 'charge failed', timestamp: Date.UTC(2026, 0, 15, 12, 0, 0, 123) }],
    ['2026-01-15 12:00:00,500 - payments - WARNING - retry 3', { level: 'warn', message: 'retry 3', timestamp: Date.UTC(2026, 0, 15, 12, 0, 0, 500) }],
    ['2026/01/15 12:00:01 listening on :8080', { message: 'listening on :8080', timestamp: Date.UTC(2026, 0, 15, 12, 0, 1) }],
    ['[2026-01-15 12:00:02] production.ERROR: Division by zero', { message: 'production.ERROR: Division by zero', timestamp: Date.UTC(2026, 0, 15, 12, 0, 2) }],
    ['<11>1 2026-01-15T12:00:03Z web-1 api 77 - - upstream reset', { level: 'error', timestamp: Date.UTC(2026, 0, 15, 12, 0, 3) }],
    ['Jan 15 11:59:00 web-1 sshd[77]: error: maximum authentication attempts', { level: 'error', timestamp: Date.UTC(2026, 0, 15, 11, 59) }],
    ['[ERROR] cannot open config', { level: 'error', message: 'cannot open config' }],
    ['WARN  cache almost full', { level: 'warn', message: 'cache almost full' }],
    ['CRITICAL:root:disk gone', { level: 'fatal', logger: 'root', message: 'disk gone' }],
    ['2026-01-15 12:00:04 INFO payments.api: ready', { level: 'info', logger: 'payments.api', message: 'ready' }],
  ];
  for (const [line, expected] of cases) {
    const header = parseTextHeader(line, now);
    assert.ok(header, line);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(header[key as keyof typeof header], value, `${line}: ${key}`);
  }
});

void test('lines that only look like a header are not one', () => {
  for (const line of ['Error: card declined', 'KeyError: \'sku\'', 'Caused by: java.io.IOException: reset', 'main.main()', 'information is power', '12:00 is noon']) {
    assert.equal(parseTextHeader(line, now), undefined, line);
  }
});

void test('a time-of-day layout takes the date of the clock, or of the day before for a time still to come', () => {
  assert.equal(parseTextHeader('11:30:00.000 [main] INFO a.B - x', now)?.timestamp, Date.UTC(2026, 0, 15, 11, 30));
  assert.equal(parseTextHeader('23:30:00.000 [main] INFO a.B - x', now)?.timestamp, Date.UTC(2026, 0, 14, 23, 30));
});

void test('continuation lines with no record before them are counted as skipped', () => {
  const parsed = parse('\tat com.acme.Pay.charge(Pay.java:3)\nCaused by: x\n{"not":"a record"}\n\n2026-01-15 11:00:00 INFO ok\n');
  assert.equal(parsed.skipped, 3);
  assert.deepEqual(parsed.events.map((e) => e.message), ['ok']);
});

void test('an error header printed inside the log message starts the stack (log4js, console.error)', () => {
  const [event] = parse('[2026-01-15T11:00:00.000] [ERROR] api - request failed TypeError: x is not a function\n    at handler (/app/api.js:9:3)\n').events;
  assert.equal(event?.message, 'request failed TypeError: x is not a function');
  assert.equal(event?.exception?.stacktrace, 'TypeError: x is not a function\n    at handler (/app/api.js:9:3)');
});

void test('streaming: a Python chained traceback split over three pushes stays one record', () => {
  const parser = new LogStreamParser('s', { now });
  const first = parser.push('2026-01-15 11:00:00,000 ERROR [w] job failed\nTraceback (most recent call last):\n  File "/app/a.py", line 1, in f\nKeyError: 1\n');
  const second = parser.push('\nThe above exception was the direct cause of the following exception:\n\n');
  const third = parser.push('Traceback (most recent call last):\n  File "/app/a.py", line 3, in g\nLookupError: 1\n');
  assert.deepEqual([first.events, second.events, third.events], [[], [], []]);
  assert.equal(parser.hasPending, true);
  const done = parser.flush();
  assert.equal(done.events.length, 1);
  const stack = done.events[0]?.exception?.stacktrace ?? '';
  assert.equal(stack.split('Traceback (most recent call last):').length, 3, stack);
  assert.ok(stack.endsWith('LookupError: 1'));
  assert.equal(parser.hasPending, false);
});

void test('a traceback after an already complete one starts a new record (uncaught after a logged error)', () => {
  const parsed = parse('ERROR:app:first\nTraceback (most recent call last):\n  File "a.py", line 1, in f\nValueError: a\nTraceback (most recent call last):\n  File "b.py", line 2, in g\nKeyError: b\n');
  assert.deepEqual(
    parsed.events.map((e) => [e.level, e.message]),
    [
      ['error', 'first'],
      ['fatal', 'KeyError: b'],
    ],
  );
});

void test('a record keeps at most maxRecordLines continuation lines', () => {
  const frames = Array.from({ length: 50 }, (_, i) => `\tat a.B.m${i}(B.java:${i + 1})`).join('\n');
  const parsed = parseLogText(`2026-01-15 11:00:00 ERROR x - boom\njava.lang.Error: boom\n${frames}\n`, 's', { now, maxRecordLines: 10 });
  assert.equal(parsed.events[0]?.exception?.stacktrace?.split('\n').length, 10);
});
