/**
 * End to end for the remote event sources: `.opslens.yaml` text → createSource (via
 * SourceSet) → loopback backends answering with the documentation-shaped fixtures →
 * the analyzer's groups, placed on workspace lines with the backends' counts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { parseOpsLensConfig } from '../../../src/core/config/opslensConfig';
import { FileIndex } from '../../../src/core/workspace/fileIndex';
import { EnvCredentialProvider } from '../../../src/sources/http/credentials';
import { SourceSet } from '../../../src/sources/sourceSet';
import { json, startFaultServer, type FaultServer, type RecordedRequest, type Reply } from '../../support/faultServer';

const FIXTURES = path.join(__dirname, '../../fixtures/sources');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
const T0 = Date.parse('2026-11-20T12:00:00Z');
const FILES = ['services/payments/dist/payments/charge.js', 'services/payments/dist/server.js', 'services/payments/billing/rates.py', 'services/payments/api/views.py', 'services/payments/payments/retry.go'];

/** One loopback server playing all three backends, each path answered as its documentation shows. */
function route(req: RecordedRequest): Reply {
  if (req.path === '/api/0/projects/acme/payments/issues/') return json([...(fixture('sentry/issues-page1.json') as unknown[]), ...(fixture('sentry/issues-page2.json') as unknown[])]);
  if (req.path.endsWith('/4503/events/latest/')) return json(fixture('sentry/latest-event-web.json'));
  if (req.path.endsWith('/4517/events/latest/')) return json(fixture('sentry/latest-event-raw.json'));
  if (req.path === '/loki/api/v1/query_range') {
    if ((req.query.get('query') ?? '').startsWith('sum by')) return json(fixture('loki/query-range-matrix.json'));
    const start = BigInt(req.query.get('start') ?? '0');
    const end = BigInt(req.query.get('end') ?? '0');
    const streams = fixture('loki/query-range-streams.json') as { data: { result: Array<{ values: Array<[string, string]> }> } };
    for (const s of streams.data.result) s.values = s.values.filter(([ts]) => BigInt(ts) >= start && BigInt(ts) < end);
    return json(streams);
  }
  if (req.path === '/logs-*/_search') {
    const body = JSON.parse(req.body) as { query: { bool: { filter: Array<{ range?: Record<string, { gte: number; lt: number }> }> } } };
    const range = Object.values(body.query.bool.filter[1]!.range!)[0]!;
    const answer = fixture('elasticsearch/search-response.json') as { hits: { hits: Array<{ sort: number[] }> }; aggregations?: unknown };
    answer.hits.hits = answer.hits.hits.filter((h) => h.sort[0]! >= range.gte && h.sort[0]! < range.lt);
    if (answer.hits.hits.length === 0) delete answer.aggregations;
    return json(answer);
  }
  return json({ detail: 'not found' }, 404);
}

let server: FaultServer;
before(async () => {
  server = await startFaultServer(route);
});
after(() => server.close());

void test('sentry, loki and elasticsearch events land on their workspace lines with the backends’ counts', async () => {
  const config = parseOpsLensConfig(`
services:
  - name: payments
    root: services/payments
sources:
  - { type: sentry, url: ${server.url}, organization: acme, project: payments }
  - { type: loki, url: ${server.url} }
  - { type: elasticsearch, url: ${server.url}, index: 'logs-*' }
window: 24h
`);
  const sources = new SourceSet(config, { root: '/workspace', credentials: new EnvCredentialProvider({ OPSLENS_SENTRY_TOKEN: 't1', OPSLENS_LOKI_TOKEN: 't2', OPSLENS_ELASTICSEARCH_TOKEN: 't3' }) });
  assert.deepEqual(sources.setupErrors, []);
  const outcome = await sources.pollAll(config.windowMs, T0);
  assert.deepEqual(outcome.failures, []);
  // One analyzer per source: the same error seen by two backends would share its fingerprint and merge.
  const bySource = (source: string) => {
    const analyzer = new Analyzer(config, new FileIndex(FILES), () => T0);
    analyzer.ingest(outcome.events.filter((e) => e.source === source));
    return analyzer.groups();
  };

  const [web, raw] = [bySource('sentry').find((g) => g.fingerprint === 'sentry:4503'), bySource('sentry').find((g) => g.fingerprint === 'sentry:4517')];
  assert.deepEqual(web?.location, { file: 'services/payments/dist/payments/charge.js', line: 12, column: 27 });
  assert.equal(web?.count, 17);
  assert.deepEqual(web?.hourly.slice(-5), [4, 0, 9, 4, 0], "Sentry's hourly buckets (08:00 … the current hour, 12:00)");
  assert.deepEqual(web?.calledFrom, [{ file: 'services/payments/dist/server.js', line: 58, column: 20 }]);
  assert.deepEqual(web?.causedBy.map((c) => c.type), ['RangeError']);
  assert.equal(web?.link, 'https://sentry.example.com/organizations/acme/issues/4503/');
  assert.deepEqual(web?.releases, ['3f2c9e1d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e']);
  assert.deepEqual(raw?.location, { file: 'services/payments/billing/rates.py', line: 19 });
  assert.equal(raw?.count, 3);
  assert.equal(raw?.type, 'ValueError');

  const lokiError = bySource('loki').find((g) => g.kind === 'error');
  assert.deepEqual(lokiError?.location, { file: 'services/payments/dist/payments/charge.js', line: 12, column: 27 });
  assert.equal(lokiError?.count, 121, "Loki's count_over_time, not the 4 sampled lines");
  const lokiWarn = bySource('loki').find((g) => g.kind === 'log');
  assert.deepEqual(lokiWarn?.location, { file: 'services/payments/payments/retry.go', line: 44 });
  assert.equal(lokiWarn?.count, 2);

  const esError = bySource('elasticsearch').find((g) => g.kind === 'error');
  assert.deepEqual(esError?.location, { file: 'services/payments/dist/payments/charge.js', line: 12, column: 27 });
  assert.equal(esError?.count, 120, 'the terms aggregation’s count');
  assert.equal(bySource('elasticsearch').find((g) => g.kind === 'log')?.count, 2);
  for (const h of sources.health()) assert.equal(h.state, 'ok', `${h.name}: ${h.lastError?.reason ?? ''}`);
});
