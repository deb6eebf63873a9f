import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Annotation } from '../../../../src/core/annotations';
import { buildSarif, escapeSarifText } from '../../../../src/core/report/sarif';

const schema = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// unicodeRegExp off: the published schema's language-tag pattern has a stray ']' that is invalid in unicode mode.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function annotation(fields: Partial<Annotation>): Annotation {
  return {
    file: 'src/pay.ts',
    line: 12,
    kind: 'error',
    service: 'payments',
    title: 'TypeError: Cannot read properties of undefined (reading [0])',
    count: 132,
    firstSeen: '2026-11-25T10:00:00.000Z',
    lastSeen: '2026-11-26T09:00:00.000Z',
    fingerprint: 'e3b0c44298fc1c14',
    runbooks: [],
    changedSince: false,
    ...fields,
  };
}

const sample: Annotation[] = [
  annotation({ runbooks: [{ title: 'Payments 5xx', url: 'docs/runbooks/payments-5xx.md' }], changedSince: true }),
  annotation({ kind: 'log', file: 'src/dir with space/#x.ts', line: 3, title: 'payment retried', fingerprint: 'f1', service: null }),
  annotation({ kind: 'incident', file: 'docs/runbooks/payments-5xx.md', line: 1, title: 'Payments5xx', fingerprint: 'alertmanager:abc', count: 1 }),
];

function errorsOf(log: unknown): string {
  return validate(log) ? '' : ajv.errorsText(validate.errors);
}

void test('the SARIF log validates against the SARIF 2.1.0 schema', () => {
  const log = buildSarif(sample, { toolVersion: '0.1.0', pathPrefix: 'services/payments/', srcRootUri: 'file:///work/repo/' });
  assert.equal(errorsOf(log), '');
  assert.equal(errorsOf(buildSarif([], { toolVersion: '0.1.0' })), '');
});

void test('the schema check is real: a broken log fails it', () => {
  const log = JSON.parse(JSON.stringify(buildSarif(sample, { toolVersion: '0.1.0' }))) as { version: string; runs: { results: { level: string }[] }[] };
  log.runs[0]!.results[0]!.level = 'fatal';
  assert.match(errorsOf(log), /level/);
  const wrongVersion = { ...buildSarif([], { toolVersion: '0.1.0' }), version: '2.0.0' };
  assert.notEqual(errorsOf(wrongVersion), '');
});

void test('what GitHub code scanning needs: rules, relative URIs with a base id, lines, fingerprints', () => {
  const log = buildSarif(sample, { toolVersion: '0.1.0', pathPrefix: 'services/payments/' });
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0] as { tool: { driver: { name: string; informationUri: string; rules: { id: string }[] } }; results: Record<string, unknown>[] };
  assert.equal(run.tool.driver.name, 'OpsLens');
  assert.match(run.tool.driver.informationUri, /^https:\/\//);
  const ruleIds = run.tool.driver.rules.map((r) => r.id);
  assert.deepEqual(ruleIds, ['opslens/production-error', 'opslens/production-log', 'opslens/firing-incident']);
  const results = run.results as {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[];
    partialFingerprints: Record<string, string>;
  }[];
  assert.deepEqual(results.map((r) => [r.ruleId, r.level]), [
    ['opslens/production-error', 'warning'],
    ['opslens/production-log', 'note'],
    ['opslens/firing-incident', 'note'],
  ]);
  for (const r of results) assert.equal(ruleIds[r.ruleIndex], r.ruleId);
  assert.deepEqual(
    results.map((r) => r.locations[0]!.physicalLocation.artifactLocation),
    [
      { uri: 'services/payments/src/pay.ts', uriBaseId: '%SRCROOT%' },
      { uri: 'services/payments/src/dir%20with%20space/%23x.ts', uriBaseId: '%SRCROOT%' },
      { uri: 'services/payments/docs/runbooks/payments-5xx.md', uriBaseId: '%SRCROOT%' },
    ],
  );
  assert.deepEqual(results.map((r) => r.locations[0]!.physicalLocation.region.startLine), [12, 3, 1]);
  assert.deepEqual(results.map((r) => Object.values(r.partialFingerprints)[0]), ['e3b0c44298fc1c14', 'f1', 'alertmanager:abc']);
  assert.match(results[0]!.message.text, /^132× in production \\\[payments\\\]: TypeError: .*\\\[0\\\].*possibly fixed.*Runbooks: Payments 5xx <docs\/runbooks\/payments-5xx.md>/);
});

void test('untrusted text cannot forge SARIF links, control characters or endless messages', () => {
  assert.equal(escapeSarifText('see [here](0) \\ end'), 'see \\[here\\](0) \\\\ end');
  assert.equal(escapeSarifText('a\u001b[31mred\u202eevil\nnext'), 'a\uFFFD\\[31mred\uFFFDevil next');
  assert.ok(escapeSarifText('x'.repeat(1_000_000)).length <= 1001);
});

void test('past the results limit, errors and the busiest are kept and the cut is reported', () => {
  const many = [
    annotation({ kind: 'log', count: 1000, fingerprint: 'log-busy' }),
    annotation({ kind: 'error', count: 1, fingerprint: 'err-rare' }),
    annotation({ kind: 'incident', count: 1, fingerprint: 'inc' }),
    annotation({ kind: 'error', count: 50, fingerprint: 'err-busy' }),
  ];
  const log = buildSarif(many, { toolVersion: '0.1.0', maxResults: 2 });
  assert.equal(errorsOf(log), '');
  const run = log.runs[0] as { results: { partialFingerprints: Record<string, string> }[]; invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] };
  assert.deepEqual(run.results.map((r) => Object.values(r.partialFingerprints)[0]), ['err-rare', 'err-busy']);
  assert.match(run.invocations[0]!.toolExecutionNotifications[0]!.message.text, /^2 of 4 annotations left out/);
  assert.equal('invocations' in buildSarif(many, { toolVersion: '0.1.0' }).runs[0]!, false);
});
