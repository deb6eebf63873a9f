// Field mapping cases the real-library fixtures do not produce: OTel stable vs deprecated
// names, flat dotted vs nested keys, OTel-shaped records, and library options that are off
// in the fixtures (bunyan `src`, pino-caller, logstash caller data with a package).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventFromJsonRecord, eventsFromJsonValue } from '../../../../src/core/logRecords/jsonRecord';

const NOW = Date.UTC(2026, 0, 15, 12);
const now = (): number => NOW;

void test('OTel stable and deprecated attribute names give the same event, flat or nested', () => {
  const stable = {
    'code.file.path': '/app/pay.ts',
    'code.line.number': 42,
    'code.function.name': 'charge',
    'service.name': 'payments',
    'service.version': '1.2.3',
    'deployment.environment.name': 'prod',
    'vcs.ref.head.revision': 'abc123',
    'exception.type': 'TypeError',
    'exception.message': 'x is undefined',
    'exception.stacktrace': 'TypeError: x is undefined\n    at charge (/app/pay.ts:42:7)',
    message: 'charge failed',
  };
  const deprecated = {
    'code.filepath': '/app/pay.ts',
    'code.lineno': '42',
    'code.function': 'charge',
    'service.name': 'payments',
    'service.version': '1.2.3',
    'deployment.environment': 'prod',
    'vcs.ref.head.revision': 'abc123',
    'exception.type': 'TypeError',
    'exception.message': 'x is undefined',
    'exception.stacktrace': 'TypeError: x is undefined\n    at charge (/app/pay.ts:42:7)',
    message: 'charge failed',
  };
  const nested = {
    code: { file: { path: '/app/pay.ts' }, line: { number: 42 }, function: { name: 'charge' } },
    service: { name: 'payments', version: '1.2.3' },
    deployment: { environment: { name: 'prod' } },
    vcs: { ref: { head: { revision: 'abc123' } } },
    exception: { type: 'TypeError', message: 'x is undefined', stacktrace: 'TypeError: x is undefined\n    at charge (/app/pay.ts:42:7)' },
    message: 'charge failed',
  };
  const a = eventFromJsonRecord(stable, 's', now);
  assert.deepEqual(a?.code, { filepath: '/app/pay.ts', lineno: 42, function: 'charge' });
  assert.equal(a?.environment, 'prod');
  assert.equal(a?.revision, 'abc123');
  assert.equal(a?.exception?.type, 'TypeError');
  assert.deepEqual(eventFromJsonRecord(deprecated, 's', now), a);
  assert.deepEqual(eventFromJsonRecord(nested, 's', now), a);
});

void test('the stable name wins when a record carries both', () => {
  const e = eventFromJsonRecord({ msg: 'x', 'code.filepath': '/old.py', 'code.file.path': '/new.py', 'deployment.environment': 'old', 'deployment.environment.name': 'new' }, 's', now);
  assert.equal(e?.code?.filepath, '/new.py');
  assert.equal(e?.environment, 'new');
});

void test('an OTel-shaped record: body, severityText/severityNumber, timeUnixNano, attributes and resource maps', () => {
  const e = eventFromJsonRecord(
    {
      timeUnixNano: '1768478400123456789',
      severityNumber: 17,
      body: 'db timeout',
      attributes: { 'exception.type': 'TimeoutError', 'code.filepath': 'app/db.py', 'code.lineno': 8 },
      resource: { 'service.name': 'orders', 'deployment.environment.name': 'staging' },
    },
    's',
    now,
  );
  assert.equal(e?.timestamp, 1768478400123);
  assert.equal(e?.level, 'error');
  assert.equal(e?.message, 'db timeout');
  assert.equal(e?.service, 'orders');
  assert.equal(e?.environment, 'staging');
  assert.deepEqual(e?.code, { filepath: 'app/db.py', lineno: 8 });
  assert.deepEqual(e?.exception, { type: 'TimeoutError' });
});

void test('OTLP/JSON: one export request line gives one event per log record', () => {
  const request = {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
        scopeLogs: [
          {
            scope: { name: 'api.http' },
            logRecords: [
              { timeUnixNano: '1768478400000000000', severityText: 'WARN', body: { stringValue: 'slow' } },
              { timeUnixNano: '1768478401000000000', severityNumber: 21, body: { kvlistValue: { values: [{ key: 'k', value: { intValue: '1' } }] } } },
            ],
          },
        ],
      },
    ],
  };
  const events = eventsFromJsonValue(request, 's', now);
  assert.deepEqual(
    events.map((e) => [e.timestamp, e.level, e.message, e.service, e.logger]),
    [
      [1768478400000, 'warn', 'slow', 'api', 'api.http'],
      [1768478401000, 'fatal', '{"k":1}', 'api', 'api.http'],
    ],
  );
});

void test('levels: pino numbers, syslog numbers, OTel severity numbers and words in any case', () => {
  const level = (record: object): string | undefined => eventFromJsonRecord({ msg: 'm', ...record }, 's', now)?.level;
  assert.equal(level({ level: 60 }), 'fatal');
  assert.equal(level({ level: 35 }), 'info');
  assert.equal(level({ level: 3 }), 'error');
  assert.equal(level({ level: '4' }), 'warn');
  assert.equal(level({ severityNumber: 13 }), 'warn');
  assert.equal(level({ levelname: 'CRITICAL' }), 'fatal');
  assert.equal(level({ 'log.level': 'Warning' }), 'warn');
  assert.equal(level({ level: 'DPANIC' }), 'error');
  assert.equal(level({ level: 'nonsense' }), undefined);
});

void test('callers: zap short caller, pino-caller call site, bunyan src, logstash caller with a package', () => {
  const code = (record: object): unknown => eventFromJsonRecord({ msg: 'm', ...record }, 's', now)?.code;
  assert.deepEqual(code({ caller: 'payments/charge.go:42' }), { filepath: 'payments/charge.go', lineno: 42 });
  assert.deepEqual(code({ caller: 'Object.<anonymous> (/app/src/server.js:10:5)' }), { filepath: '/app/src/server.js', lineno: 10 });
  assert.deepEqual(code({ src: { file: '/app/orders.js', line: 7, func: 'place' } }), { filepath: '/app/orders.js', lineno: 7, function: 'place' });
  assert.deepEqual(code({ caller_class_name: 'com.acme.pay.Charger', caller_method_name: 'charge', caller_file_name: 'Charger.java', caller_line_number: 31 }), {
    filepath: 'com/acme/pay/Charger.java',
    lineno: 31,
    function: 'com.acme.pay.Charger.charge',
  });
  assert.deepEqual(code({ log: { origin: { file: { name: 'Pay.java', line: 12 }, function: 'pay' } } }), { filepath: 'Pay.java', lineno: 12, function: 'pay' });
  assert.deepEqual(code({ caller: 'main.go', 'code.lineno': -3 }), { filepath: 'main.go' }, 'a negative line is no line');
});

void test('GELF: its `version` is the spec version, `level` a syslog number, `short_message` the message', () => {
  const e = eventFromJsonRecord({ version: '1.1', host: 'web-1', short_message: 'disk full', level: 2, timestamp: 1768478400.5 }, 's', now);
  assert.equal(e?.version, undefined);
  assert.equal(e?.level, 'fatal');
  assert.equal(e?.message, 'disk full');
  assert.equal(e?.timestamp, 1768478400500);
});

void test('a JSON value that is no log record gives no event', () => {
  assert.equal(eventFromJsonRecord({ user: 'alice', cart: [1, 2] }, 's', now), undefined);
  assert.equal(eventFromJsonRecord([1, 2], 's', now), undefined);
  assert.equal(eventFromJsonRecord('text', 's', now), undefined);
  assert.deepEqual(eventsFromJsonValue(null, 's', now), []);
});

void test('a record without a time takes the clock; timestamps in every common encoding', () => {
  const time = (value: unknown): number | undefined => eventFromJsonRecord({ msg: 'm', time: value }, 's', now)?.timestamp;
  assert.equal(time(undefined), NOW);
  assert.equal(time(1768478400), 1768478400000);
  assert.equal(time(1768478400123), 1768478400123);
  assert.equal(time('2026-01-15T12:00:00.5+01:00'), Date.UTC(2026, 0, 15, 11, 0, 0, 500));
  assert.equal(time('2026-01-15 12:00:00,250'), Date.UTC(2026, 0, 15, 12, 0, 0, 250));
  assert.equal(time('Thu, 15 Jan 2026 12:00:00 GMT'), Date.UTC(2026, 0, 15, 12));
  assert.equal(time('not a time'), NOW);
});

void test('log4j2 JsonLayout: native frames and omitted common frames are written as the JVM prints them; a string stack is kept', () => {
  const thrown = {
    name: 'java.io.IOException',
    message: 'reset',
    extendedStackTrace: [
      { class: 'sun.nio.ch.Net', method: 'poll', file: 'Net.java', line: -2 },
      { class: 'com.acme.Client', method: 'read', file: 'Client.java', line: 12 },
    ],
    cause: { name: 'java.net.SocketException', extendedStackTrace: [{ class: 'com.acme.Io', method: 'fill', line: -1 }], commonElementCount: 3 },
  };
  const e = eventFromJsonRecord({ instant: { epochSecond: 1768478400, nanoOfSecond: 123_999_999 }, level: 'ERROR', message: 'read failed', thrown }, 's', now);
  assert.equal(e?.timestamp, 1768478400123);
  assert.deepEqual(e?.exception, {
    type: 'java.io.IOException',
    message: 'reset',
    stacktrace: 'java.io.IOException: reset\n\tat sun.nio.ch.Net.poll(Native Method)\n\tat com.acme.Client.read(Client.java:12)\nCaused by: java.net.SocketException\n\tat com.acme.Io.fill(Unknown Source)\n\t... 3 more',
  });
  const asString = eventFromJsonRecord({ message: 'x', thrown: { name: 'E', extendedStackTrace: 'E\n\tat a.B.c(B.java:1)' } }, 's', now);
  assert.equal(asString?.exception?.stacktrace, 'E\n\tat a.B.c(B.java:1)');
});
