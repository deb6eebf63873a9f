/**
 * The loki source against a loopback server answering with documentation-shaped
 * bodies (test/fixtures/sources/loki/README.md): the requests OpsLens sends, and
 * what it makes of the answers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { ServiceConfig } from '../../../src/core/config/opslensConfig';
import type { ProdEvent } from '../../../src/core/events';
import { EnvCredentialProvider } from '../../../src/sources/http/credentials';
import { escapeLogQlString, LokiSource, millisFromNanos, nanos } from '../../../src/sources/lokiSource';
import { json, startFaultServer, type FaultServer, type RecordedRequest, type Reply } from '../../support/faultServer';
import { defineFaultMatrix } from '../../support/faultMatrix';

const FIXTURES = path.join(__dirname, '../../fixtures/sources/loki');
type Streams = { status: string; data: { resultType: string; result: Array<{ stream: Record<string, string>; values: Array<[string, string]> }>; stats: unknown } };
const STREAMS = JSON.parse(readFileSync(path.join(FIXTURES, 'query-range-streams.json'), 'utf8')) as Streams;
const MATRIX = JSON.parse(readFileSync(path.join(FIXTURES, 'query-range-matrix.json'), 'utf8')) as unknown;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T12:00:00Z');
const W1 = { since: T0 - 24 * HOUR, until: T0 };
const payments: ServiceConfig = { name: 'payments', root: 'services/payments', pathMappings: [], runbooks: [] };
const SELECTOR = '{service_name="payments"}';
const FILTERED = `${SELECTOR} | detected_level=~"warn|warning|WARN|WARNING|error|err|ERROR|fatal|FATAL|critical|CRITICAL|panic|PANIC"`;

/** Loki's behaviour for a log query: entries in [start, end), newest first, `limit` of them across streams. */
function streamsAnswer(req: RecordedRequest): Reply {
  const start = BigInt(req.query.get('start') ?? '0');
  const end = BigInt(req.query.get('end') ?? '0');
  const limit = Number(req.query.get('limit') ?? '100');
  const entries = STREAMS.data.result.flatMap((s) => s.values.filter(([ts]) => BigInt(ts) >= start && BigInt(ts) < end).map((v) => ({ stream: s.stream, v })));
  entries.sort((a, b) => (BigInt(b.v[0]) > BigInt(a.v[0]) ? 1 : -1));
  const kept = entries.slice(0, limit);
  const result = STREAMS.data.result.map((s) => ({ stream: s.stream, values: kept.filter((e) => e.stream === s.stream).map((e) => e.v) })).filter((s) => s.values.length > 0);
  return json({ status: 'success', data: { resultType: 'streams', result, stats: STREAMS.data.stats } });
}

const route = (req: RecordedRequest): Reply => {
  if (req.path !== '/loki/api/v1/query_range') return { kind: 'text', status: 404, body: '404 page not found' };
  return (req.query.get('query') ?? '').startsWith('sum by') ? json(MATRIX) : streamsAnswer(req);
};

let server: FaultServer;
before(async () => {
  server = await startFaultServer(route);
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function makeSource(extra: Record<string, unknown> = {}, env: Record<string, string> = { OPSLENS_LOKI_TOKEN: 'glc_secret_token', OPSLENS_LOKI_USER: '123456' }, services = [payments]): LokiSource {
  return LokiSource.fromConfig({ type: 'loki', name: 'loki', url: server.url, tenant: 'team-a', timeout: '2s', ...extra }, services, new EnvCredentialProvider(env));
}

const sum = (events: ProdEvent[]): number => events.reduce((n, e) => n + (e.count ?? 1), 0);

void test('requests: one count_over_time metric query whose steps are the chunks, then a bounded backward sample per chunk, with tenant and basic auth', async () => {
  await makeSource().poll(W1);
  const [metric, ...samples] = server.requests;
  assert.equal(metric?.method, 'GET');
  assert.equal(metric?.path, '/loki/api/v1/query_range');
  assert.equal(metric?.query.get('query'), `sum by (detected_level) (count_over_time(${FILTERED} [3600000ms]))`);
  assert.equal(metric?.query.get('start'), nanos(W1.since + HOUR));
  assert.equal(metric?.query.get('end'), '1795176000000000000', 'nanoseconds since the epoch');
  assert.equal(metric?.query.get('step'), '3600.000');
  assert.equal(metric?.headers['x-scope-orgid'], 'team-a');
  assert.equal(metric?.headers.authorization, `Basic ${Buffer.from('123456:glc_secret_token').toString('base64')}`);
  assert.equal(samples.length, 24, 'a 24 h window in hour chunks (Loki splits no further for us)');
  for (const [i, s] of samples.entries()) {
    assert.equal(s.query.get('query'), FILTERED);
    assert.equal(s.query.get('limit'), '100');
    assert.equal(s.query.get('direction'), 'backward');
    assert.equal(s.query.get('start'), nanos(W1.since + i * HOUR));
    assert.equal(s.query.get('end'), nanos(W1.since + (i + 1) * HOUR));
    assert.equal(s.headers['x-scope-orgid'], 'team-a');
  }
});

void test('counts are Loki’s: each chunk and level’s count is spread over its sampled lines; parsed lines keep their stack and caller', async () => {
  const source = makeSource();
  const { events } = await source.poll(W1);
  const errors = events.filter((e) => e.level === 'error');
  const warns = events.filter((e) => e.level === 'warn');
  assert.deepEqual(
    errors.map((e) => [new Date(e.timestamp).toISOString(), e.count ?? 1]),
    [
      ['2026-11-20T10:50:00.000Z', 40],
      ['2026-11-20T10:20:00.000Z', 40],
      ['2026-11-20T10:05:00.000Z', 40],
      ['2026-11-20T11:40:00.250Z', 1],
    ],
  );
  assert.equal(sum(warns), 2);
  const e = errors[0]!;
  assert.equal(e.source, 'loki');
  assert.equal(e.service, 'payments');
  assert.equal(e.message, 'charge failed');
  assert.equal(e.exception?.type, 'TypeError');
  assert.match(e.exception?.stacktrace ?? '', /at charge \(\/app\/dist\/payments\/charge\.js:12:27\)/);
  assert.equal(warns[0]?.message, 'retrying card network');
  assert.deepEqual(warns[0]?.code, { filepath: 'payments/retry.go', lineno: 44 });
  assert.match(source.health().notice ?? '', /^7 line\(s\) counted by Loki .* had no sampled line/);
});

void test('a smaller sample still adds up to Loki’s counts', async () => {
  const { events } = await makeSource({ sampleLimit: 2 }).poll(W1);
  assert.deepEqual(
    events.map((e) => [new Date(e.timestamp).toISOString(), e.level, e.count ?? 1]),
    [
      ['2026-11-20T10:50:00.000Z', 'error', 120],
      ['2026-11-20T10:30:00.000Z', 'warn', 2],
      ['2026-11-20T11:40:00.250Z', 'error', 1],
    ],
  );
  assert.equal(server.requests[1]?.query.get('limit'), '2');
});

void test('the next poll starts where the last good one ended, in one chunk', async () => {
  const source = makeSource();
  await source.poll(W1);
  server.requests.length = 0;
  await source.poll({ since: W1.since + 60_000, until: T0 + 60_000 });
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[0]?.query.get('query'), `sum by (detected_level) (count_over_time(${FILTERED} [60000ms]))`);
  assert.equal(server.requests[1]?.query.get('start'), nanos(T0));
  assert.equal(server.requests[1]?.query.get('end'), nanos(T0 + 60_000));
});

void test('a failed poll moves nothing forward: the next good poll covers the outage too', async () => {
  const source = makeSource();
  await source.poll(W1);
  server.inject({ kind: 'text', status: 502, body: 'bad gateway' }, 1);
  await assert.rejects(source.poll({ since: W1.since + HOUR, until: T0 + HOUR }), /failed with 502/);
  server.requests.length = 0;
  await source.poll({ since: W1.since + 2 * HOUR, until: T0 + 2 * HOUR });
  assert.equal(server.requests[1]?.query.get('start'), nanos(T0), 'from the end of the last good poll');
  assert.equal(server.requests.at(-1)?.query.get('end'), nanos(T0 + 2 * HOUR));
});

void test('a window beyond max_query_length (721h) is clamped with a notice, and split into at most maxChunks samples', async () => {
  const source = makeSource({ maxChunks: 6 });
  await source.poll({ since: T0 - 40 * 24 * HOUR, until: T0 });
  assert.equal(server.requests[0]?.query.get('start'), nanos(T0 - 721 * HOUR + (721 * HOUR) / 6));
  assert.equal(server.requests.length, 7);
  assert.equal(server.requests[1]?.query.get('start'), nanos(T0 - 721 * HOUR));
  assert.match(source.health().notice ?? '', /max_query_length \(721h\): clamped/);
});

void test('one selector per workspace service from a query template; a bearer token without a user', async () => {
  const services = [payments, { ...payments, name: 'ledger' }];
  await makeSource({ query: '{app="${service}", env="prod"}' }, { OPSLENS_LOKI_TOKEN: 'tok' }, services).poll({ since: T0 - HOUR, until: T0 });
  const queries = server.requests.filter((r) => !(r.query.get('query') ?? '').startsWith('sum')).map((r) => r.query.get('query')?.split(' | ')[0]);
  assert.deepEqual(queries, ['{app="payments", env="prod"}', '{app="ledger", env="prod"}']);
  assert.equal(server.requests[0]?.headers.authorization, 'Bearer tok');
});

void test('a Grafana Explore link per log group, on the selector and the message, around the line', async () => {
  const { events } = await makeSource({ grafanaUrl: 'https://grafana.example.com/', grafanaDatasource: 'P8E80F9AEF21F6940' }).poll(W1);
  const link = new URL(events[0]!.link!);
  assert.equal(link.origin + link.pathname, 'https://grafana.example.com/explore');
  const panes = JSON.parse(link.searchParams.get('panes') ?? '{}') as Record<string, { datasource: string; queries: Array<{ expr: string; datasource: { type: string; uid: string } }>; range: { from: string; to: string } }>;
  const pane = Object.values(panes)[0]!;
  assert.equal(pane.datasource, 'P8E80F9AEF21F6940');
  assert.deepEqual(pane.queries[0]?.datasource, { type: 'loki', uid: 'P8E80F9AEF21F6940' });
  assert.equal(pane.queries[0]?.expr, `${SELECTOR} |= "charge failed"`);
  assert.equal(pane.range.from, String(events[0]!.timestamp - HOUR));
  assert.equal(escapeLogQlString('a "b" \\ c\nd'), 'a \\"b\\" \\\\ c\\nd');
  assert.equal(millisFromNanos('1795170600123456789'), 1795170600123);
  assert.equal(millisFromNanos('12e5'), undefined);
});

void test('configuration errors name the option', () => {
  const none = new EnvCredentialProvider({});
  assert.throws(() => LokiSource.fromConfig({ type: 'loki', name: 'loki' }, [payments], none), /needs `url`/);
  assert.throws(() => LokiSource.fromConfig({ type: 'loki', name: 'loki', url: 'http://loki:3100' }, [], none), /needs `query`/);
  assert.throws(() => LokiSource.fromConfig({ type: 'loki', name: 'loki', url: 'http://loki:3100', grafanaUrl: 'https://g' }, [payments], none), /grafanaDatasource/);
  assert.throws(() => LokiSource.fromConfig({ type: 'loki', name: 'loki', url: 'http://loki:3100', sampleLimit: 9000 }, [payments], none), /sampleLimit/);
});

void test('an answer that is not a Loki result is a clear error', async () => {
  server.inject(json({ status: 'error', errorType: 'bad_data', error: 'parse error' }));
  await assert.rejects(makeSource().poll(W1), /did not answer with a Loki query result/);
});

defineFaultMatrix({
  type: 'loki',
  build: (url, credentials) => LokiSource.fromConfig({ type: 'loki', name: 'loki', url, timeout: '2s' }, [payments], credentials),
  healthy: route,
  window: (now) => ({ since: now - 24 * HOUR, until: now }),
});
