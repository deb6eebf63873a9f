/**
 * Whole backend responses, fuzzed: Loki `query_range` (streams and matrix), Elasticsearch /
 * OpenSearch `_search`, Alertmanager `/api/v2/alerts`, PagerDuty `/incidents` and Sentry issues
 * and latest events, shaped as each API documents them (test/fixtures/sources/*) with hostile
 * entries mixed in: wrong types, missing fields, NaN and out-of-range timestamps, huge strings,
 * deep nesting. Each goes through the source's own poll (its response mapper), with a stub
 * client here and over a loopback HTTP server in the last test. Asserted, whatever the body:
 * - a malformed envelope is a SourceError with a reason, never a TypeError;
 * - a well-formed envelope never fails the poll: a bad entry is skipped, not fatal;
 * - every valid entry mixed with the hostile ones comes out (nothing valid lost);
 * - what comes out is well-formed (finite timestamps and counts, strings where strings belong)
 *   and bounded by what came in.
 * fuzzParsers.test.ts covers the pieces (event and frame mappers, field paths, Link headers).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { Incident, ProdEvent } from '../../../src/core/events';
import { AlertmanagerSource } from '../../../src/sources/alertmanagerSource';
import { ECS_FIELDS, ElasticsearchSource } from '../../../src/sources/elasticsearchSource';
import type { HttpClient, HttpResponse } from '../../../src/sources/http/httpClient';
import { LOKI_MAX_QUERY_LENGTH_MS, LokiSource, nanos } from '../../../src/sources/lokiSource';
import { PagerDutySource } from '../../../src/sources/pagerdutySource';
import { SentrySource } from '../../../src/sources/sentrySource';
import { SourceError, type PollResult, type Source } from '../../../src/sources/source';
import { fuzzRuns } from '../../support/fuzzBudget';
import { startFaultServer, type FaultServer } from '../../support/faultServer';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T12:00:00Z');
const WINDOW = { since: T0 - HOUR, until: T0 };
const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

// ---- hostile values --------------------------------------------------------------------

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}
const HUGE = `${'\u202e<img src=x onerror=alert(1)>[x](command:evil)\u0000'.repeat(16)}${'A'.repeat(1 << 20)}`;
const DEEP = deeplyNested(20_000);
/** What a JSON body can hold in a timestamp field when a backend misbehaves (1e400 parses as Infinity). */
const badTime = fc.constantFrom<unknown>('NaN', 'Infinity', '', ' ', '-1', '1e30', '99999999999999999999999999', '2026-13-45T99:99:99Z', 'yesterday', NaN, Infinity, -Infinity, -1, 1e300, 1.5, null, true, [], {});
/** Any value, now and then a huge string, a 20,000-deep structure or a bad timestamp. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 4, arbitrary: badTime },
  { weight: 1, arbitrary: fc.constant(HUGE) },
  { weight: 1, arbitrary: fc.constant(DEEP) },
);
/** An object with some of `keys` set to hostile values. */
const hostileRecord = (keys: string[]): fc.Arbitrary<Record<string, unknown>> => fc.dictionary(fc.constantFrom(...keys), hostile, { maxKeys: keys.length });

/** Valid entries first, hostile ones spliced in at random places. */
function mixed<T>(valid: T[], bad: unknown[], order: number[]): unknown[] {
  const out: unknown[] = [...valid];
  bad.forEach((b, i) => out.splice((order[i] ?? 0) % (out.length + 1), 0, b));
  return out;
}
const mixOf = <T>(valid: fc.Arbitrary<T[]>, bad: fc.Arbitrary<unknown>) =>
  fc.tuple(valid, fc.array(bad, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 })).map(([v, b, o]) => ({ valid: v, entries: mixed(v, b, o), hostileCount: b.length }));

// ---- the stub client and the invariants --------------------------------------------------

type Answer = (path: string, query: Record<string, unknown>, body: unknown) => unknown;

function stubClient(answer: Answer): HttpClient {
  const respond = async (path: string, query: Record<string, unknown> = {}, body?: unknown): Promise<HttpResponse<unknown>> => ({ status: 200, headers: {}, data: answer(path, query, body), url: `http://fuzz.invalid/${path}` });
  return {
    origin: 'http://fuzz.invalid',
    notice: undefined,
    getJson: (path: string, request: { query?: Record<string, unknown> } = {}) => respond(path, request.query),
    requestJson: (request: { path: string; query?: Record<string, unknown>; body?: unknown }) => respond(request.path, request.query, request.body),
  } as unknown as HttpClient;
}

const optionalString = (v: unknown, where: string): void => assert.ok(v === undefined || typeof v === 'string', `${where} is ${typeof v}`);

function assertWellFormedEvent(e: ProdEvent): void {
  assert.ok(Number.isFinite(e.timestamp), `timestamp ${e.timestamp}`);
  assert.equal(typeof e.message, 'string');
  assert.equal(typeof e.source, 'string');
  for (const key of ['service', 'version', 'revision', 'environment', 'logger', 'fingerprint'] as const) optionalString(e[key], key);
  assert.ok(e.level === undefined || LEVELS.has(e.level), `level ${String(e.level)}`);
  assert.ok(e.count === undefined || (Number.isSafeInteger(e.count) && e.count >= 1), `count ${e.count}`);
  assert.ok(e.link === undefined || /^https?:\/\//i.test(e.link), `link ${e.link}`);
  if (e.exception) for (const key of ['type', 'message', 'stacktrace'] as const) optionalString(e.exception[key], `exception.${key}`);
  if (e.code) {
    assert.equal(typeof e.code.filepath, 'string');
    assert.ok(e.code.lineno === undefined || (Number.isInteger(e.code.lineno) && e.code.lineno > 0));
  }
}

function assertWellFormedIncident(i: Incident): void {
  assert.equal(typeof i.id, 'string');
  assert.equal(typeof i.title, 'string');
  for (const key of ['service', 'description', 'severity'] as const) optionalString(i[key], key);
  assert.ok(Number.isFinite(i.startsAt), `startsAt ${i.startsAt}`);
  assert.ok(i.link === undefined || /^https?:\/\//i.test(i.link), `link ${i.link}`);
  for (const [k, v] of Object.entries(i.labels)) assert.equal(typeof v, 'string', `label ${k}`);
  for (const u of i.runbookUrls) assert.equal(typeof u, 'string');
}

/** Polls once: the result when the envelope was well-formed; a malformed one may only fail as a SourceError. */
async function pollOnce(source: Source, envelopeOk: boolean): Promise<PollResult | undefined> {
  try {
    const result = await source.poll(WINDOW);
    for (const e of result.events) assertWellFormedEvent(e);
    for (const i of result.incidents) assertWellFormedIncident(i);
    return result;
  } catch (error) {
    assert.ok(error instanceof SourceError, `not a SourceError: ${String(error).slice(0, 300)}`);
    assert.ok(error.message.length > 20, 'the error says what is wrong');
    assert.ok(!envelopeOk, `a well-formed envelope failed the poll: ${error.message.slice(0, 300)}`);
    return undefined;
  } finally {
    assert.doesNotThrow(() => JSON.stringify(source.health()));
  }
}

/** A whole body replaced by anything, or an envelope with a wrong-typed part. */
const brokenEnvelope = (parts: Record<string, unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(hostile, fc.constantFrom(...Object.keys(parts)).chain((key) => hostile.map((bad) => ({ ...parts, [key]: bad }))));

// ---- Loki ------------------------------------------------------------------------------

const lokiValid = fc.array(fc.tuple(fc.integer({ min: 0, max: HOUR - 1 }), fc.nat(1e6)), { maxLength: 6 }).map((xs) => xs.map(([offset, k], i) => ({ ms: WINDOW.since + offset, line: `fuzz valid line ${i}-${k}` })));
const lokiBadValue = fc.oneof(hostile, fc.tuple(fc.oneof(badTime, hostile), hostile), fc.tuple(fc.constant(nanos(WINDOW.since)), hostile));
const lokiBadStream = fc.oneof(hostile, hostileRecord(['stream', 'values', 'metric']), fc.record({ stream: hostile, values: fc.array(lokiBadValue, { maxLength: 4 }) }));
const LOKI_LABELS = { service_name: 'payments', detected_level: 'error' };
/** Valid lines in one stream among bad values, or one stream each; bad streams in between. */
const lokiStreams = fc.tuple(lokiValid, fc.array(lokiBadStream, { maxLength: 8 }), fc.array(lokiBadValue, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean()).map(([valid, badStreams, badValues, order, oneStream]) => {
  const values = valid.map((v) => [nanos(v.ms), v.line]);
  const good = oneStream ? [{ stream: LOKI_LABELS, values: mixed(values, badValues, order) }] : values.map((v) => ({ stream: LOKI_LABELS, values: [v] }));
  return { valid, result: mixed(good, badStreams, order) };
});
const lokiMatrix = fc.array(fc.oneof(hostile, fc.record({ metric: hostile, values: fc.oneof(hostile, fc.array(fc.oneof(hostile, fc.tuple(hostile, hostile)), { maxLength: 4 })) })), { maxLength: 6 });

function lokiSource(client: HttpClient): LokiSource {
  return new LokiSource({ name: 'loki', client, selectors: [{ selector: '{service_name="payments"}', service: 'payments' }], levelLabel: 'detected_level', levels: 'error', sampleLimit: 100, chunkMs: HOUR, maxChunks: 1, maxQueryLengthMs: LOKI_MAX_QUERY_LENGTH_MS });
}

void test('Loki query_range: hostile streams and matrices never fail the poll, and every valid line comes out', async () => {
  await fc.assert(
    fc.asyncProperty(lokiStreams, lokiMatrix, async ({ valid, result }, matrix) => {
      const source = lokiSource(stubClient((_p, query) => (String(query.query).startsWith('sum by')
        ? { status: 'success', data: { resultType: 'matrix', result: matrix } }
        : { status: 'success', data: { resultType: 'streams', result } })));
      const polled = (await pollOnce(source, true))!;
      for (const v of valid) assert.ok(polled.events.some((e) => e.timestamp === v.ms && e.message === v.line), `lost ${v.line}`);
      const lines = result.flatMap((s) => (s && typeof s === 'object' && Array.isArray((s as { values?: unknown }).values) ? (s as { values: unknown[] }).values : []));
      assert.ok(polled.events.length <= lines.length * 2 + 1, `${polled.events.length} events from ${lines.length} lines`);
    }),
    { numRuns: fuzzRuns(60) },
  );
});

void test('Loki query_range: a malformed body is a SourceError saying what was expected', async () => {
  await fc.assert(
    fc.asyncProperty(brokenEnvelope({ status: 'success', data: { resultType: 'streams', result: [] } }), async (body) => {
      await pollOnce(lokiSource(stubClient(() => body)), false);
    }),
    { numRuns: fuzzRuns(60) },
  );
});

// ---- Elasticsearch / OpenSearch ------------------------------------------------------------

const esValid = fc.array(fc.tuple(fc.integer({ min: 0, max: HOUR - 1 }), fc.nat(1e6)), { maxLength: 6 }).map((xs) => xs.map(([offset, k], i) => ({ ms: WINDOW.since + offset, message: `fuzz valid doc ${i}-${k}` })));
const esBadHit = fc.oneof(hostile, hostileRecord(['_id', '_source', 'sort']), fc.record({ _source: fc.oneof(hostileRecord(['@timestamp', 'message', 'log', 'log.level', 'service', 'error', 'log.origin.file.line', 'log.origin.file.name']), hostile) }));
const esAggregations = fc.oneof(hostile, fc.record({ levels: fc.oneof(hostile, fc.record({ buckets: fc.oneof(hostile, fc.array(fc.oneof(hostile, hostileRecord(['key', 'doc_count'])), { maxLength: 4 })) })) }));
const esBody = fc.tuple(esValid, fc.array(esBadHit, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), esAggregations, fc.oneof(hostile, fc.boolean()), fc.oneof(hostile, fc.record({ failed: hostile }))).map(([valid, bad, order, aggregations, timedOut, shards]) => {
  const hits = valid.map((d, i) => ({ _id: `v${i}`, _source: { '@timestamp': new Date(d.ms).toISOString(), message: d.message, log: { level: 'error' }, service: { name: 'payments' } }, sort: [d.ms, i] }));
  return { valid, body: { timed_out: timedOut, _shards: shards, hits: { hits: mixed(hits, bad, order) }, aggregations } };
});

function esSource(client: HttpClient): ElasticsearchSource {
  return new ElasticsearchSource({ name: 'es', type: 'elasticsearch', client, index: 'logs-*', services: ['payments'], fields: ECS_FIELDS, levels: ['error'], tiebreaker: '_doc', sampleLimit: 100, pageSize: 100, chunkMs: HOUR, maxChunks: 1 });
}

void test('Elasticsearch _search: hostile hits, aggregations and shard reports never fail the poll, and every valid document comes out', async () => {
  await fc.assert(
    fc.asyncProperty(esBody, async ({ valid, body }) => {
      const polled = (await pollOnce(esSource(stubClient(() => body)), true))!;
      for (const v of valid) assert.ok(polled.events.some((e) => e.timestamp === v.ms && e.message === v.message), `lost ${v.message}`);
      assert.ok(polled.events.length <= body.hits.hits.length, `${polled.events.length} events from ${body.hits.hits.length} hits`);
    }),
    { numRuns: fuzzRuns(60) },
  );
});

void test('Elasticsearch _search: a malformed body is a SourceError saying what was expected', async () => {
  await fc.assert(
    fc.asyncProperty(brokenEnvelope({ hits: { hits: [] } }), async (body) => {
      await pollOnce(esSource(stubClient(() => body)), false);
    }),
    { numRuns: fuzzRuns(60) },
  );
});

// ---- Alertmanager ----------------------------------------------------------------------

const alertValid = fc.uniqueArray(fc.nat(1e6), { maxLength: 6 }).map((ks) => ks.map((k) => ({ fingerprint: `valid-fp-${k}`, labels: { alertname: `Valid${k}`, service: 'payments' }, annotations: { summary: 'ok' }, startsAt: new Date(T0 - k).toISOString(), status: { state: 'active' } })));
const alertBad = fc.oneof(hostile, hostileRecord(['fingerprint', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'status', 'receivers']), fc.record({ fingerprint: fc.string(), labels: fc.oneof(hostile, fc.dictionary(fc.string(), hostile)), annotations: hostile, startsAt: badTime, status: hostile, generatorURL: hostile }));

function alertmanagerSource(client: HttpClient): AlertmanagerSource {
  return new AlertmanagerSource({ name: 'alertmanager', serviceLabel: 'service', services: [], matchers: [], silenced: false, inhibited: false, client });
}

void test('Alertmanager /api/v2/alerts: hostile alerts never fail the poll, and every valid alert comes out', async () => {
  await fc.assert(
    fc.asyncProperty(mixOf(alertValid, alertBad), async ({ valid, entries }) => {
      const polled = (await pollOnce(alertmanagerSource(stubClient(() => entries)), true))!;
      for (const v of valid) assert.ok(polled.incidents.some((i) => i.id === v.fingerprint && i.title === `${v.labels.alertname}: ok`), `lost ${v.fingerprint}`);
      assert.ok(polled.incidents.length <= entries.length);
    }),
    { numRuns: fuzzRuns(60) },
  );
  await fc.assert(fc.asyncProperty(fc.oneof(hostile.filter((b) => !Array.isArray(b))), async (body) => void (await pollOnce(alertmanagerSource(stubClient(() => body)), false))), { numRuns: fuzzRuns(30) });
});

// ---- PagerDuty -------------------------------------------------------------------------

const pdValid = fc.uniqueArray(fc.nat(1e6), { maxLength: 6 }).map((ks) => ks.map((k) => ({ id: `VALID${k}`, type: 'incident', title: `Valid incident ${k}`, created_at: new Date(T0 - k * 1000).toISOString(), status: 'triggered', urgency: 'high', html_url: `https://acme.pagerduty.com/incidents/VALID${k}`, service: { id: 'PABC123', summary: 'Payments' } })));
const pdBad = fc.oneof(hostile, hostileRecord(['id', 'title', 'summary', 'created_at', 'status', 'urgency', 'html_url', 'service', 'priority', 'escalation_policy', 'incident_number', 'description']), fc.record({ id: fc.string(), created_at: badTime, service: fc.oneof(hostile, hostileRecord(['id', 'summary'])), priority: fc.oneof(hostile, hostileRecord(['summary'])), title: hostile }));

function pagerdutySource(client: HttpClient): PagerDutySource {
  return new PagerDutySource({ name: 'pagerduty', client, services: new Map([['PABC123', 'payments']]), lookbackMs: 30 * 24 * HOUR });
}

void test('PagerDuty /incidents: hostile incidents never fail the poll, and every valid incident comes out', async () => {
  await fc.assert(
    fc.asyncProperty(mixOf(pdValid, pdBad), async ({ valid, entries }) => {
      const page = { incidents: entries, limit: 100, offset: 0, more: false, total: null };
      const polled = (await pollOnce(pagerdutySource(stubClient(() => page)), true))!;
      for (const v of valid) assert.ok(polled.incidents.some((i) => i.id === v.id && i.title === v.title && i.service === 'payments'), `lost ${v.id}`);
      assert.ok(polled.incidents.length <= entries.length);
    }),
    { numRuns: fuzzRuns(60) },
  );
  await fc.assert(fc.asyncProperty(brokenEnvelope({ incidents: [], limit: 100, offset: 0, more: false, total: null }), async (body) => void (await pollOnce(pagerdutySource(stubClient(() => body)), false))), { numRuns: fuzzRuns(30) });
});

// ---- Sentry ----------------------------------------------------------------------------

const sentryValid = fc.uniqueArray(fc.nat(1e6), { maxLength: 5 }).map((ks) => ks.map((k) => ({ id: `valid${k}`, title: `Valid issue ${k}`, culprit: 'charge', level: 'error', count: String(k + 1), permalink: `https://sentry.io/issues/valid${k}/`, firstSeen: new Date(T0 - 2 * HOUR).toISOString(), lastSeen: new Date(T0 - 60_000).toISOString() })));
const sentryBad = fc.oneof(
  hostile,
  fc.record({ id: fc.string({ maxLength: 8 }) }, { requiredKeys: ['id'] }).chain((base) => hostileRecord(['title', 'culprit', 'permalink', 'level', 'count', 'firstSeen', 'lastSeen', 'metadata', 'stats']).map((r) => ({ ...r, ...base }))),
  fc.record({ id: fc.string({ maxLength: 8 }), stats: fc.oneof(hostile, fc.dictionary(fc.constantFrom('24h', '14d', 'x'), fc.oneof(hostile, fc.array(fc.oneof(hostile, fc.tuple(fc.oneof(badTime, fc.integer()), fc.oneof(badTime, fc.integer()))), { maxLength: 6 })))) }),
);
const sentryEvent = fc.oneof(hostile, fc.record({ entries: fc.oneof(hostile, fc.array(fc.record({ type: fc.constantFrom('exception', 'stacktrace', 'message'), data: hostile }), { maxLength: 3 })), exception: hostile, release: hostile, environment: hostile, tags: hostile, dateCreated: badTime, timestamp: badTime, platform: hostile }, { requiredKeys: [] }));

function sentrySource(client: HttpClient): SentrySource {
  return new SentrySource({ name: 'sentry', client, organization: 'acme', projects: new Map([['payments', 'payments']]), query: '', maxIssues: 100, maxPages: 1, now: () => T0 });
}

void test('Sentry issues and latest events: hostile issues and events never fail the poll, and every valid issue comes out', async () => {
  await fc.assert(
    fc.asyncProperty(mixOf(sentryValid, sentryBad), sentryEvent, async ({ valid, entries }, event) => {
      const source = sentrySource(stubClient((path) => (path.endsWith('/events/latest/') ? event : entries)));
      const polled = (await pollOnce(source, true))!;
      for (const v of valid) assert.ok(polled.events.some((e) => e.fingerprint === `sentry:${v.id}` && e.message === v.title && e.count === Number(v.count)), `lost ${v.id}`);
      const statsOf = (e: unknown): unknown[] => {
        const stats = e && typeof e === 'object' ? (e as { stats?: unknown }).stats : undefined;
        return stats && typeof stats === 'object' && !Array.isArray(stats) ? Object.values(stats) : [];
      };
      const points = entries.reduce<number>((n, e) => n + 1 + statsOf(e).reduce<number>((m, s) => m + (Array.isArray(s) ? s.length : 0), 0), 0);
      assert.ok(polled.events.length <= points, `${polled.events.length} events from ${points} issues and stats points`);
    }),
    { numRuns: fuzzRuns(60) },
  );
  await fc.assert(fc.asyncProperty(hostile.filter((b) => !Array.isArray(b)), async (body) => void (await pollOnce(sentrySource(stubClient(() => body)), false))), { numRuns: fuzzRuns(30) });
});

// ---- regressions: each counterexample found, kept as a file ----------------------------

const REGRESSIONS = path.join(__dirname, '..', '..', 'fixtures', 'fuzz', 'backendResponses');

interface Regression {
  why: string;
  source: 'loki' | 'elasticsearch' | 'pagerduty' | 'sentry';
  answers: { default: unknown; matrix?: unknown; latest?: unknown };
  expected: { events?: Array<Record<string, unknown>>; incidents?: Array<Record<string, unknown>>; skipped: number };
}

/** The listed fields of each result, in order. */
function project(items: object[], like: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return items.map((item, i) => Object.fromEntries(Object.keys(like[i] ?? like[0] ?? {}).map((k) => [k, (item as Record<string, unknown>)[k]])));
}

for (const file of readdirSync(REGRESSIONS).filter((f) => f.endsWith('.json')).sort()) {
  void test(`fuzz regression ${file}`, async () => {
    const r = JSON.parse(readFileSync(path.join(REGRESSIONS, file), 'utf8')) as Regression;
    const client = stubClient((p, query) => (p.endsWith('/events/latest/') ? r.answers.latest : String(query.query).startsWith('sum by') ? (r.answers.matrix ?? r.answers.default) : r.answers.default));
    const build = { loki: lokiSource, elasticsearch: esSource, pagerduty: pagerdutySource, sentry: sentrySource }[r.source];
    const source = build(client);
    const polled = (await pollOnce(source, true))!;
    if (r.expected.events) assert.deepEqual(project(polled.events, r.expected.events), r.expected.events, r.why);
    if (r.expected.incidents) assert.deepEqual(project(polled.incidents, r.expected.incidents), r.expected.incidents, r.why);
    assert.equal(source.health().skipped, r.expected.skipped, 'skipped entries are counted');
  });
}

// ---- end to end over HTTP ----------------------------------------------------------------

/** JSON text of a body; DEEP is written out by hand (JSON.stringify recurses and would overflow on it). */
function serialise(body: unknown): string {
  const marker = '\u0000deep\u0000';
  let deep = '"bottom"';
  for (let i = 0; i < 20_000; i++) deep = i % 2 ? `[${deep}]` : `{"a":${deep}}`;
  return JSON.stringify(body, (_k, v: unknown) => (v === DEEP ? marker : v)).split(JSON.stringify(marker)).join(deep);
}

let server: FaultServer;
let reply: (path: string) => unknown = () => [];
before(async () => {
  server = await startFaultServer((req) => ({ kind: 'raw', status: 200, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(serialise(reply(req.path) ?? null)) }));
});
after(() => server.close());

void test('over a loopback server: the same hostile bodies, serialised as JSON, give well-formed results or a SourceError', async () => {
  const config = { url: '', timeout: '5s' };
  const cases = fc.oneof(
    fc.tuple(fc.constant('alertmanager'), mixOf(alertValid, alertBad).map((m) => m.entries)),
    fc.tuple(fc.constant('pagerduty'), mixOf(pdValid, pdBad).map((m) => ({ incidents: m.entries, limit: 100, offset: 0, more: false, total: null }))),
    fc.tuple(fc.constant('elasticsearch'), esBody.map((b) => b.body)),
    fc.tuple(fc.constant('loki'), lokiStreams.map((s) => ({ status: 'success', data: { resultType: 'streams', result: s.result } }))),
    fc.tuple(fc.constant('sentry'), mixOf(sentryValid, sentryBad).map((m) => m.entries)),
  );
  await fc.assert(
    fc.asyncProperty(cases, async ([type, body]) => {
      reply = (path) => (path.endsWith('/events/latest/') ? {} : body);
      config.url = server.url;
      const services = [{ name: 'payments', root: '', pathMappings: [], runbooks: [], pagerduty: 'PABC123' }];
      const source =
        type === 'alertmanager' ? AlertmanagerSource.fromConfig({ type, name: type, ...config }, services, undefined)
        : type === 'pagerduty' ? PagerDutySource.fromConfig({ type, name: type, ...config }, services, undefined)
        : type === 'elasticsearch' ? ElasticsearchSource.fromConfig({ type, name: type, index: 'logs-*', ...config }, services, undefined)
        : type === 'loki' ? LokiSource.fromConfig({ type, name: type, maxChunks: 1, chunk: '1h', ...config }, services, undefined)
        : SentrySource.fromConfig({ type, name: type, organization: 'acme', project: 'payments', maxPages: 1, ...config }, services, undefined);
      await pollOnce(source, true);
    }),
    { numRuns: fuzzRuns(20) },
  );
});
