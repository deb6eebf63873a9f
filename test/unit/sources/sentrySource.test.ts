/**
 * The sentry source against a loopback server answering with documentation-shaped
 * bodies (test/fixtures/sources/sentry/README.md): the requests OpsLens sends, and
 * what it makes of the answers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { ServiceConfig } from '../../../src/core/config/opslensConfig';
import type { ProdEvent } from '../../../src/core/events';
import { EnvCredentialProvider } from '../../../src/sources/http/credentials';
import { HttpSourceError } from '../../../src/sources/http/httpError';
import { ResilientSource } from '../../../src/sources/resilientSource';
import { summariseSentryEvent } from '../../../src/sources/sentryEvent';
import { SentrySource } from '../../../src/sources/sentrySource';
import { json, startFaultServer, type FaultServer, type RecordedRequest, type Reply } from '../../support/faultServer';
import { defineFaultMatrix } from '../../support/faultMatrix';

const FIXTURES = path.join(__dirname, '../../fixtures/sources/sentry');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
const TOKEN = 'sntryu_0123456789abcdef0123456789abcdef';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T12:00:00Z');
const W1 = { since: T0 - 24 * HOUR, until: T0 };
const W2 = { since: T0 + HOUR - 24 * HOUR, until: T0 + HOUR };
const services: ServiceConfig[] = [{ name: 'payments', root: 'services/payments', pathMappings: [], runbooks: [] }];

let server: FaultServer;
let later = false;
let rateHeaders: Record<string, string> = {};

function route(req: RecordedRequest): Reply {
  const issues = '/api/0/projects/acme/payments/issues/';
  if (req.path === issues && !req.query.get('cursor')) {
    const next = `<${server.url}${issues}?cursor=1795694400000:100:0>; rel="next"; results="true"; cursor="1795694400000:100:0"`;
    const previous = `<${server.url}${issues}?cursor=1795694400000:0:1>; rel="previous"; results="false"; cursor="1795694400000:0:1"`;
    return json(fixture(later ? 'issues-later.json' : 'issues-page1.json'), 200, { Link: `${previous}, ${next}`, ...rateHeaders });
  }
  if (req.path === issues) {
    const previous = `<${server.url}${issues}?cursor=1795694400000:0:1>; rel="previous"; results="true"; cursor="1795694400000:0:1"`;
    const next = `<${server.url}${issues}?cursor=1795694400000:200:0>; rel="next"; results="false"; cursor="1795694400000:200:0"`;
    return json(fixture('issues-page2.json'), 200, { Link: `${previous}, ${next}`, ...rateHeaders });
  }
  if (req.path === '/api/0/organizations/acme/issues/4503/events/latest/') return json(fixture('latest-event-web.json'), 200, rateHeaders);
  if (req.path === '/api/0/organizations/acme/issues/4517/events/latest/') return json(fixture('latest-event-raw.json'), 200, rateHeaders);
  return json({ detail: 'The requested resource does not exist' }, 404);
}

function makeSource(extra: Record<string, unknown> = {}, now = () => T0): SentrySource {
  const credentials = new EnvCredentialProvider({ OPSLENS_SENTRY_TOKEN: TOKEN });
  const source = SentrySource.fromConfig({ type: 'sentry', name: 'sentry', url: server.url, organization: 'acme', project: 'payments', timeout: '400ms', ...extra }, services, credentials);
  (source as unknown as { options: { now: () => number } }).options.now = now;
  return source;
}

const total = (events: ProdEvent[], id: string): number => events.filter((e) => e.fingerprint === `sentry:${id}`).reduce((n, e) => n + (e.count ?? 1), 0);

before(async () => {
  server = await startFaultServer(route);
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  later = false;
  rateHeaders = {};
});

void test('first poll: the documented requests with bearer auth, both pages through the Link cursor, then the latest event of each issue', async () => {
  await makeSource().poll(W1);
  const [page1, page2, latest1, latest2, extra] = server.requests;
  assert.equal(extra, undefined, 'five requests in all');
  assert.equal(page1?.method, 'GET');
  assert.equal(page1?.path, '/api/0/projects/acme/payments/issues/');
  assert.equal(page1?.query.get('query'), 'is:unresolved lastSeen:>2026-11-19T12:00:00.000Z');
  assert.equal(page1?.query.get('statsPeriod'), '24h');
  assert.equal(page1?.query.get('cursor'), null);
  assert.equal(page1?.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(page2?.path, '/api/0/projects/acme/payments/issues/');
  assert.equal(page2?.query.get('cursor'), '1795694400000:100:0');
  assert.equal(latest1?.path, '/api/0/organizations/acme/issues/4503/events/latest/');
  assert.equal(latest2?.path, '/api/0/organizations/acme/issues/4517/events/latest/');
  assert.equal(latest2?.headers.authorization, `Bearer ${TOKEN}`);
});

void test('counts come from Sentry: one event per non-empty stats bucket, adding up to the issue count, with link, release and fingerprint', async () => {
  const { events } = await makeSource().poll(W1);
  const web = events.filter((e) => e.fingerprint === 'sentry:4503');
  assert.deepEqual(
    web.map((e) => [new Date(e.timestamp).toISOString(), e.count]),
    [
      ['2026-11-20T08:14:03.120Z', 4],
      ['2026-11-20T10:00:00.000Z', 9],
      ['2026-11-20T11:00:00.000Z', 4],
    ],
    'each bucket at its start, the first no earlier than firstSeen',
  );
  assert.equal(total(events, '4503'), 17, 'the issue count');
  assert.equal(total(events, '4517'), 3);
  const e = web[0]!;
  assert.equal(e.source, 'sentry');
  assert.equal(e.service, 'payments', 'the workspace service named like the project');
  assert.equal(e.level, 'error');
  assert.equal(e.link, 'https://sentry.example.com/organizations/acme/issues/4503/');
  assert.equal(e.version, '3f2c9e1d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e', 'release.version of the web event');
  assert.equal(e.environment, 'production');
  assert.equal(e.message, "TypeError: Cannot read properties of undefined (reading 'amount')");
  assert.equal(events.find((x) => x.fingerprint === 'sentry:4517')?.level, 'warn');
});

void test('web (camelCase) frames: crashing frame first, outermost exception first', async () => {
  const { events } = await makeSource().poll(W1);
  const parsed = events.find((e) => e.fingerprint === 'sentry:4503')?.exception?.parsed;
  assert.equal(parsed?.runtime, 'v8');
  assert.deepEqual(
    parsed?.exceptions.map((x) => x.type),
    ['TypeError', 'RangeError'],
    'Sentry lists the root cause first; the model wants the outermost first',
  );
  assert.deepEqual(parsed?.exceptions[0]?.frames, [
    { file: '/app/dist/payments/charge.js', line: 12, column: 27, function: 'charge', module: 'payments.charge', inApp: true },
    { file: '/app/dist/server.js', line: 58, column: 20, function: 'handleCharge', module: 'server', inApp: true },
    { file: 'node:internal/process/task_queues', line: 95, column: 5, function: 'processTicksAndRejections', module: 'task_queues', inApp: false },
  ]);
});

void test('raw (snake_case) frames: the Python chain with the handler’s exception outermost, release as a string', async () => {
  const { events } = await makeSource().poll(W1);
  const e = events.find((x) => x.fingerprint === 'sentry:4517');
  assert.equal(e?.version, 'billing@2.3.1');
  assert.equal(e?.exception?.type, 'ValueError');
  assert.equal(e?.exception?.message, "unsupported currency: 'XTS'");
  const parsed = e?.exception?.parsed;
  assert.equal(parsed?.runtime, 'python');
  assert.deepEqual(parsed?.exceptions.map((x) => `${x.type}: ${x.message}`), ["ValueError: unsupported currency: 'XTS'", "KeyError: 'XTS'"]);
  assert.deepEqual(parsed?.exceptions[0]?.frames.map((f) => [f.file, f.line, f.inApp]), [
    ['/srv/app/billing/rates.py', 19, true],
    ['/srv/app/api/views.py', 42, true],
    ['/usr/local/lib/python3.12/site-packages/flask/app.py', 880, false],
  ]);
});

void test('JVM frames get their package path; a message event’s bare stack trace is one exception', () => {
  const java = summariseSentryEvent({
    platform: 'java',
    entries: [{ type: 'exception', data: { values: [{ type: 'com.acme.pay.CardDeclined', value: 'declined', stacktrace: { frames: [{ filename: 'Api.java', absPath: 'Api.java', module: 'com.acme.pay.Api', function: 'post', lineNo: 31, inApp: true }, { filename: 'Charge.java', absPath: 'Charge.java', module: 'com.acme.pay.Charge$Retry', function: 'run', lineNo: 88, inApp: true }] } }] } }],
  });
  assert.equal(java.stack?.runtime, 'jvm');
  assert.deepEqual(java.stack?.exceptions[0]?.frames.map((f) => f.file), ['com/acme/pay/Charge.java', 'com/acme/pay/Api.java']);
  const message = summariseSentryEvent({ platform: 'python', entries: [{ type: 'stacktrace', data: { frames: [{ absPath: '/srv/app/jobs.py', lineNo: 3, inApp: true }, { absPath: '/srv/app/report.py', lineNo: 9, inApp: true }] } }] });
  assert.deepEqual(message.stack?.exceptions.map((e) => e.frames.map((f) => f.line)), [[9, 3]]);
  assert.deepEqual(summariseSentryEvent('not an event'), {});
});

void test('the next poll asks only since the newest lastSeen and reports only the occurrences not yet reported', async () => {
  let now = T0;
  const source = makeSource({}, () => now);
  await source.poll(W1);
  later = true;
  server.requests.length = 0;
  now = T0 + HOUR;
  const { events } = await source.poll(W2);
  assert.equal(server.requests[0]?.query.get('query'), 'is:unresolved lastSeen:>2026-11-20T11:36:27.900Z', "the newest lastSeen less five minutes' overlap");
  assert.deepEqual(
    events.map((e) => [e.fingerprint, new Date(e.timestamp).toISOString(), e.count]),
    [
      ['sentry:4503', '2026-11-20T11:00:00.000Z', 3],
      ['sentry:4503', '2026-11-20T12:00:00.000Z', 2],
    ],
    'bucket 11:00 grew from 4 to 7, bucket 12:00 is new; issue 4517 has nothing new',
  );
  assert.deepEqual(
    server.requests.filter((r) => r.path.includes('/events/latest/')).map((r) => r.path),
    ['/api/0/organizations/acme/issues/4503/events/latest/'],
    'issue 4503 was seen again after its cached event was read, 4517 was not',
  );
  server.requests.length = 0;
  now = T0 + HOUR + 60_000;
  const again = await source.poll({ since: W2.since, until: now });
  assert.deepEqual(again.events, [], 'nothing new: nothing reported twice');
  assert.equal(server.requests.filter((r) => r.path.includes('/events/latest/')).length, 0, 'a latest event read a minute ago is reused');
});

void test('statsPeriod is one Sentry documents: 24h up to a day, 14d beyond, and a longer window is clamped with a notice', async () => {
  const source = makeSource();
  await source.poll({ since: T0 - 6 * HOUR, until: T0 });
  assert.equal(server.requests[0]?.query.get('statsPeriod'), '24h');
  assert.equal(source.health().notice, undefined);
  server.requests.length = 0;
  await makeSource().poll({ since: T0 - 3 * 24 * HOUR, until: T0 });
  assert.equal(server.requests[0]?.query.get('statsPeriod'), '14d');
  server.requests.length = 0;
  const long = makeSource();
  await long.poll({ since: T0 - 30 * 24 * HOUR, until: T0 });
  assert.equal(server.requests[0]?.query.get('statsPeriod'), '14d');
  assert.equal(server.requests[0]?.query.get('query'), 'is:unresolved lastSeen:>2026-11-06T12:00:00.000Z');
  assert.match(long.health().notice ?? '', /clamped/);
});

void test('rate limits: a nearly spent budget defers the latest-event reads; a 429 waits for the reset Sentry announced', async () => {
  let now = T0;
  const source = makeSource({}, () => now);
  const resetAt = Math.floor(T0 / 1000) + 90;
  rateHeaders = { 'X-Sentry-Rate-Limit-Limit': '40', 'X-Sentry-Rate-Limit-Remaining': '1', 'X-Sentry-Rate-Limit-Reset': String(resetAt) };
  const deferred = await source.poll(W1);
  assert.deepEqual(deferred.events, [], 'no issue without its frames, none counted as reported');
  assert.equal(server.requests.filter((r) => r.path.includes('/events/latest/')).length, 0);
  assert.match(source.health().notice ?? '', /2 issue\(s\) wait for Sentry's rate-limit window/);

  now = resetAt * 1000 + 1;
  rateHeaders = { 'X-Sentry-Rate-Limit-Remaining': '39', 'X-Sentry-Rate-Limit-Reset': String(resetAt + 60) };
  const resumed = await source.poll({ since: W1.since, until: now });
  assert.equal(total(resumed.events, '4503'), 17, 'the deferred issues arrive whole');
  assert.equal(source.health().notice, undefined);

  server.inject({ kind: 'json', status: 429, body: { detail: 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds' }, headers: {} });
  const error = await source.poll({ since: W1.since, until: now }).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof HttpSourceError);
  assert.equal(error.kind, 'rate-limited');
  assert.equal(error.retryAfterMs, 60_000 - 1, 'until the reset of the last answer');
  assert.ok(!error.message.includes(TOKEN));
});

void test('maxPages bounds the paging, and the health says the list was cut', async () => {
  const source = makeSource({ maxPages: 1 });
  const { events } = await source.poll(W1);
  assert.equal(server.requests.filter((r) => r.path.endsWith('/issues/')).length, 1);
  assert.equal(total(events, '4517'), 0);
  assert.match(source.health().notice ?? '', /^payments: more unresolved issues than maxIssues\/maxPages allow/);
});

void test('configuration errors name the option', () => {
  const credentials = new EnvCredentialProvider({});
  assert.throws(() => SentrySource.fromConfig({ type: 'sentry', name: 'sentry', project: 'p' }, [], credentials), /needs `organization`/);
  assert.throws(() => SentrySource.fromConfig({ type: 'sentry', name: 'sentry', organization: 'acme' }, [], credentials), /needs `project`/);
  const saas = SentrySource.fromConfig({ type: 'sentry', name: 'sentry', organization: 'acme', project: ['a', 'b'], service: 'web' }, [], credentials);
  assert.deepEqual([...(saas as unknown as { options: { projects: Map<string, string> } }).options.projects], [
    ['a', 'web'],
    ['b', 'web'],
  ]);
});

void test('a failed poll moves no cursor: the next good poll delivers what arrived meanwhile, once', async () => {
  let now = T0;
  const source = new ResilientSource(makeSource({}, () => now), { now: () => now, random: () => 0, backoff: { baseMs: 1000, maxMs: 8000 } });
  assert.equal(total((await source.poll(W1)).events, '4503'), 17);
  later = true;
  now = T0 + HOUR;
  server.inject({ kind: 'text', status: 200, body: '[{"id": "4503", "stats": {"24h": [[1795', headers: { 'Content-Type': 'application/json' } }, 1);
  const failed = await source.poll(W2);
  assert.equal((failed.failure as HttpSourceError | undefined)?.kind, 'not-json');
  now += 60_000;
  const recovered = await source.poll({ since: W2.since, until: now });
  assert.equal(recovered.failure, undefined);
  assert.equal(total(recovered.events, '4503'), 5, 'the 5 occurrences of the outage, once');
  assert.equal(total(recovered.events, '4517'), 0);
});

defineFaultMatrix({
  type: 'sentry',
  build: (url, credentials) => SentrySource.fromConfig({ type: 'sentry', name: 'sentry', url, organization: 'acme', project: 'payments', timeout: '2s' }, services, credentials),
  healthy: (req) => (req.path.includes('/events/latest/') ? json(fixture('latest-event-web.json')) : json(fixture('issues-page1.json'))),
});
