/**
 * The elasticsearch/opensearch source against a loopback server answering with
 * documentation-shaped `_search` bodies (test/fixtures/sources/elasticsearch/README.md):
 * the requests OpsLens sends, and what it makes of the answers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { ServiceConfig } from '../../../src/core/config/opslensConfig';
import { ElasticsearchSource, fieldValue } from '../../../src/sources/elasticsearchSource';
import { EnvCredentialProvider } from '../../../src/sources/http/credentials';
import { json, startFaultServer, type FaultServer, type RecordedRequest, type Reply } from '../../support/faultServer';
import { defineFaultMatrix } from '../../support/faultMatrix';

const FIXTURES = path.join(__dirname, '../../fixtures/sources/elasticsearch');
type Hit = { _source: Record<string, unknown>; sort: [number, number] };
type Response = { hits: { max_score: null; hits: Hit[] }; aggregations: unknown; [k: string]: unknown };
const load = (name: string): Response => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Response;
const ECS = load('search-response.json');
const CUSTOM = load('search-response-custom-schema.json');
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T12:00:00Z');
const W1 = { since: T0 - 24 * HOUR, until: T0 };
const payments: ServiceConfig = { name: 'payments', root: 'services/payments', pathMappings: [], runbooks: [] };
type SearchBody = {
  size: number;
  query: { bool: { filter: Array<{ range?: Record<string, { gte: number; lt: number }> }> } };
  search_after?: [number, number];
  aggs?: unknown;
  [k: string]: unknown;
};

let fixture: Response = ECS;

/** `_search` as the cluster does it: hits in the range, newest first, after search_after, `size` of them; the buckets of their hour. */
function search(req: RecordedRequest): Reply {
  if (req.method !== 'POST' || !req.path.endsWith('/_search')) return json({ error: 'no handler' }, 405);
  const body = JSON.parse(req.body) as SearchBody;
  const range = Object.values(body.query.bool.filter.find((f) => f.range)!.range!)[0]!;
  let hits = fixture.hits.hits.filter((h) => h.sort[0] >= range.gte && h.sort[0] < range.lt).sort((a, b) => b.sort[0] - a.sort[0] || b.sort[1] - a.sort[1]);
  const after = body.search_after;
  if (after) hits = hits.filter((h) => h.sort[0] < after[0] || (h.sort[0] === after[0] && h.sort[1] < after[1]));
  const inRange = fixture.hits.hits.some((h) => h.sort[0] >= range.gte && h.sort[0] < range.lt);
  const answer: Record<string, unknown> = { ...fixture, hits: { max_score: null, hits: hits.slice(0, body.size) } };
  if (body.aggs) answer.aggregations = inRange ? fixture.aggregations : { levels: { doc_count_error_upper_bound: 0, sum_other_doc_count: 0, buckets: [] } };
  else delete answer.aggregations;
  return json(answer);
}

let server: FaultServer;
before(async () => {
  server = await startFaultServer(search);
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  fixture = ECS;
});

function makeSource(extra: Record<string, unknown> = {}, env: Record<string, string> = { OPSLENS_ELASTICSEARCH_TOKEN: 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==' }): ElasticsearchSource {
  return ElasticsearchSource.fromConfig({ type: 'elasticsearch', name: 'elasticsearch', url: server.url, index: 'logs-*', timeout: '2s', ...extra }, [payments], new EnvCredentialProvider(env));
}

const bodyOf = (r: RecordedRequest | undefined): SearchBody => JSON.parse(r?.body ?? '{}') as SearchBody;

void test('requests: POST {index}/_search per hour chunk, a bool filter on service, time and level, sorted on @timestamp and a tiebreaker, a terms aggregation on the level, ApiKey auth', async () => {
  await makeSource().poll(W1);
  assert.equal(server.requests.length, 24);
  const first = server.requests[0]!;
  assert.equal(first.method, 'POST');
  assert.equal(first.path, '/logs-*/_search');
  assert.equal(first.headers.authorization, 'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==');
  assert.equal(first.headers['content-type'], 'application/json');
  const body = bodyOf(first);
  assert.deepEqual(body.query, {
    bool: {
      filter: [
        { terms: { 'service.name': ['payments'] } },
        { range: { '@timestamp': { gte: W1.since, lt: W1.since + HOUR, format: 'epoch_millis' } } },
        { terms: { 'log.level': ['warn', 'WARN', 'warning', 'WARNING', 'error', 'ERROR', 'err', 'ERR', 'fatal', 'FATAL', 'critical', 'CRITICAL', 'crit', 'CRIT', 'alert', 'ALERT', 'emerg', 'EMERG', 'emergency', 'EMERGENCY', 'panic', 'PANIC', 'severe', 'SEVERE'] } },
      ],
    },
  });
  assert.deepEqual(body.sort, [{ '@timestamp': { order: 'desc' } }, { _doc: { order: 'desc' } }]);
  assert.deepEqual(body.aggs, { levels: { terms: { field: 'log.level', size: 24 } } });
  assert.equal(body.size, 100);
  assert.equal(body.track_total_hits, false);
  assert.equal(body.search_after, undefined);
  assert.deepEqual(
    server.requests.map((r) => bodyOf(r).query.bool.filter[1]?.range?.['@timestamp']?.gte),
    Array.from({ length: 24 }, (_, i) => W1.since + i * HOUR),
  );
});

void test('counts come from the aggregation, spread over the sampled documents; nested and dotted ECS documents read alike', async () => {
  const source = makeSource();
  const { events } = await source.poll(W1);
  assert.deepEqual(
    events.map((e) => [new Date(e.timestamp).toISOString(), e.level, e.count ?? 1]),
    [
      ['2026-11-20T10:50:00.000Z', 'error', 40],
      ['2026-11-20T10:20:00.000Z', 'error', 40],
      ['2026-11-20T10:05:00.000Z', 'error', 40],
      ['2026-11-20T10:30:00.000Z', 'warn', 2],
    ],
  );
  const [nested, , dotted] = events;
  for (const e of [nested!, dotted!]) {
    assert.equal(e.source, 'elasticsearch');
    assert.equal(e.service, 'payments');
    assert.equal(e.version, '1.4.2');
    assert.equal(e.message, 'charge failed');
    assert.equal(e.exception?.type, 'TypeError');
    assert.equal(e.exception?.message, "Cannot read properties of undefined (reading 'amount')");
    assert.match(e.exception?.stacktrace ?? '', /^TypeError: .*\n {4}at charge \(\/app\/dist\/payments\/charge\.js:12:27\)/);
  }
  assert.equal(nested?.environment, 'production');
  assert.deepEqual(events[3]?.code, { filepath: 'payments/retry.go', lineno: 44, function: 'payments.(*Client).retry' });
  assert.equal(source.health().notice, undefined);
});

void test('search_after pages through a chunk up to the sample limit; the aggregation is asked once', async () => {
  await makeSource({ sampleLimit: 3, pageSize: 2 }).poll({ since: T0 - 2 * HOUR, until: T0 - HOUR });
  assert.equal(server.requests.length, 2);
  const [page1, page2] = server.requests.map(bodyOf);
  assert.equal(page1?.size, 2);
  assert.ok(page1?.aggs);
  assert.equal(page2?.size, 1);
  assert.equal(page2?.aggs, undefined);
  assert.deepEqual(page2?.search_after, [Date.parse('2026-11-20T10:30:00Z'), 40], 'the sort values of the last hit');
});

void test('the next poll starts where the last good one ended', async () => {
  const source = makeSource();
  await source.poll(W1);
  server.requests.length = 0;
  const { events } = await source.poll({ since: W1.since + 60_000, until: T0 + 60_000 });
  assert.equal(server.requests.length, 1);
  assert.deepEqual(bodyOf(server.requests[0]).query.bool.filter[1]?.range, { '@timestamp': { gte: T0, lt: T0 + 60_000, format: 'epoch_millis' } });
  assert.deepEqual(events, []);
});

void test('a failed poll moves nothing forward: the next good poll covers the outage too', async () => {
  const source = makeSource();
  await source.poll(W1);
  server.inject({ kind: 'text', status: 503, body: 'unavailable' }, 1);
  await assert.rejects(source.poll({ since: W1.since, until: T0 + HOUR }), /failed with 503/);
  server.requests.length = 0;
  await source.poll({ since: W1.since, until: T0 + HOUR + 60_000 });
  assert.equal(bodyOf(server.requests[0]).query.bool.filter[1]?.range?.['@timestamp']?.gte, T0, 'from the end of the last good poll');
});

void test('opensearch: the same search with basic auth', async () => {
  const source = ElasticsearchSource.fromConfig({ type: 'opensearch', name: 'opensearch', url: server.url, index: 'logs-*' }, [payments], new EnvCredentialProvider({ OPSLENS_OPENSEARCH_TOKEN: 'pw', OPSLENS_OPENSEARCH_USER: 'reader' }));
  assert.equal(source.type, 'opensearch');
  const { events } = await source.poll({ since: T0 - 2 * HOUR, until: T0 - HOUR });
  assert.equal(events.length, 4);
  assert.equal(server.requests[0]?.headers.authorization, `Basic ${Buffer.from('reader:pw').toString('base64')}`);
});

void test('another schema through the field map', async () => {
  fixture = CUSTOM;
  const source = makeSource({ index: 'app-logs-*', service: 'payments', levels: ['ERROR'], tiebreaker: 'event.sequence', fields: { timestamp: 'ts', service: 'app', level: 'severity', message: 'msg', errorType: 'exception.class', errorStack: 'exception.trace' } });
  const { events } = await source.poll({ since: T0 - HOUR, until: T0 });
  const body = bodyOf(server.requests[0]);
  assert.deepEqual(body.query.bool.filter[0], { terms: { app: ['payments'] } });
  assert.deepEqual(body.query.bool.filter[2], { terms: { severity: ['ERROR'] } });
  assert.deepEqual(body.sort, [{ ts: { order: 'desc' } }, { 'event.sequence': { order: 'desc' } }]);
  assert.deepEqual(
    events.map((e) => [e.timestamp, e.level, e.service, e.message, e.exception?.type, e.count]),
    [[1795175400000, 'error', 'payments', 'card declined', 'com.acme.pay.CardDeclined', 5]],
  );
  assert.match(events[0]?.exception?.stacktrace ?? '', /at com\.acme\.pay\.Charge\.run\(Charge\.java:88\)/);
});

void test('fieldValue reads nested, flat and mixed documents', () => {
  assert.equal(fieldValue({ log: { origin: { file: { line: 3 } } } }, 'log.origin.file.line'), 3);
  assert.equal(fieldValue({ 'log.origin.file.line': 4 }, 'log.origin.file.line'), 4);
  assert.equal(fieldValue({ log: { 'origin.file.line': 5 } }, 'log.origin.file.line'), 5);
  assert.equal(fieldValue({ log: 'x' }, 'log.level'), undefined);
});

void test('configuration errors name the option; an answer without hits is a clear error', async () => {
  const none = new EnvCredentialProvider({});
  assert.throws(() => ElasticsearchSource.fromConfig({ type: 'elasticsearch', name: 'es', url: 'http://es:9200' }, [payments], none), /needs `index`/);
  assert.throws(() => ElasticsearchSource.fromConfig({ type: 'elasticsearch', name: 'es', url: 'http://es:9200', index: 'x' }, [], none), /needs services/);
  assert.throws(() => ElasticsearchSource.fromConfig({ type: 'elasticsearch', name: 'es', url: 'http://es:9200', index: 'x', fields: { colour: 'c' } }, [payments], none), /fields\.colour/);
  assert.throws(() => ElasticsearchSource.fromConfig({ type: 'elasticsearch', name: 'es', url: 'http://es:9200', index: 'x', sampleLimit: 20_000 }, [payments], none), /sampleLimit/);
  server.inject(json({ acknowledged: true }));
  await assert.rejects(makeSource().poll(W1), /did not answer with search hits/);
});

for (const type of ['elasticsearch', 'opensearch']) {
  defineFaultMatrix({
    type,
    build: (url, credentials) => ElasticsearchSource.fromConfig({ type, name: type, url, index: 'logs-*', timeout: '2s' }, [payments], credentials),
    healthy: search,
    window: (now) => ({ since: now - 24 * HOUR, until: now }),
  });
}
