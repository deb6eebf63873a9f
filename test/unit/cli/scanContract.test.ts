import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { main } from '../../../src/cli/opslens';
import type { Annotation } from '../../../src/core/annotations';

const fixture = path.join(__dirname, '../../fixtures/scan/workspace');
const schema = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

/** Alerts as Alertmanager's GET /api/v2/alerts returns them (gettableAlert), answering its `filter` matchers. */
function alert(name: string, service: string, annotations: Record<string, string>) {
  return {
    fingerprint: `fp-${name}`,
    labels: { alertname: name, service, severity: 'critical' },
    annotations,
    startsAt: new Date(Date.now() - 600_000).toISOString(),
    endsAt: new Date(Date.now() + 600_000).toISOString(),
    updatedAt: new Date().toISOString(),
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    receivers: [{ name: 'team' }],
    generatorURL: 'http://prometheus.example:9090/graph',
  };
}
const ALERTS = [
  alert('Payments5xx', 'payments', { summary: 'payments returns 5xx', runbook_url: 'docs/runbooks/payments-5xx.md' }),
  alert('CheckoutSlow', 'checkout', { runbook_url: 'https://wiki.example.com/checkout/slow' }),
];

let server: Server;
let repo: string;
let ws: string;

/** Runs the workspace's code, copied to a "deployed" folder, with node: real V8 stacks for the logs. */
function realErrorLines(deploy: string): string {
  const program = `
    const lines = [];
    const log = (e) => lines.push(JSON.stringify({ level: 50, time: Date.now(), pid: 1, hostname: 'h', msg: 'request failed', err: { type: e.name, message: e.message, stack: e.stack } }));
    const pay = require(${JSON.stringify(path.join(deploy, 'app/src/pay.js'))});
    const cart = require(${JSON.stringify(path.join(deploy, 'checkout/src/cart.js'))});
    for (const amount of [500, 700]) { try { pay.charge(amount); } catch (e) { log(e); } }
    try { cart.addToCart({}, 1); } catch (e) { log(e); }
    console.log(lines.join('\\n'));`;
  return execFileSync(process.execPath, ['-e', program], { encoding: 'utf8' });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const serviceMatcher = url.searchParams.getAll('filter').find((f) => f.startsWith('service='));
    const body = ALERTS.filter((a) => serviceMatcher === undefined || serviceMatcher === `service="${a.labels.service}"`);
    res.writeHead(url.pathname === '/api/v2/alerts' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  repo = mkdtempSync(path.join(tmpdir(), 'opslens-scan-repo-'));
  ws = path.join(repo, 'ws');
  cpSync(fixture, ws, { recursive: true });
  const deploy = mkdtempSync(path.join(tmpdir(), 'opslens-deploy-'));
  mkdirSync(path.join(deploy, 'app'), { recursive: true });
  cpSync(path.join(ws, 'services/payments/src'), path.join(deploy, 'app/src'), { recursive: true });
  cpSync(path.join(ws, 'services/checkout/src'), path.join(deploy, 'checkout/src'), { recursive: true });
  mkdirSync(path.join(ws, 'logs'));
  writeFileSync(path.join(ws, 'logs/app.ndjson'), realErrorLines(deploy));
  writeFileSync(
    path.join(ws, '.opslens.yaml'),
    [
      'services:',
      '  - name: payments',
      '    root: services/payments',
      `    pathMappings: [ { from: ${JSON.stringify(`${deploy}/app/`)}, to: services/payments/ } ]`,
      'sources:',
      '  - { type: file, path: logs/*.ndjson }',
      `  - { type: alertmanager, url: "http://127.0.0.1:${port}" }`,
      'window: 1h',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(repo, '.gitignore'), 'ws/logs/\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
});

after(() => {
  server.close();
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (t) => (out += `${t}\n`), (t) => (err += `${t}\n`));
  return { code, out, err };
}

const brief = (a: Annotation) => ({ file: a.file, line: a.line, kind: a.kind, service: a.service, count: a.count, runbooks: a.runbooks });

void test('scan --format json: errors on their lines with service and runbooks, incidents on their runbook or catalog file', async () => {
  const { code, out, err } = await run(['scan', ws, '--format', 'json']);
  assert.equal(code, 0, err);
  const annotations = JSON.parse(out) as Annotation[];
  assert.deepEqual(annotations.map(brief), [
    { file: 'docs/runbooks/payments-5xx.md', line: 1, kind: 'incident', service: 'payments', count: 1, runbooks: [{ title: 'Payments 5xx', url: 'docs/runbooks/payments-5xx.md' }] },
    { file: 'services/checkout/catalog-info.yaml', line: 1, kind: 'incident', service: 'checkout', count: 1, runbooks: [{ title: 'Runbook: CheckoutSlow', url: 'https://wiki.example.com/checkout/slow' }] },
    { file: 'services/checkout/src/cart.js', line: 4, kind: 'error', service: 'checkout', count: 1, runbooks: [{ title: 'Checkout Runbook', url: 'https://wiki.example.com/checkout/runbook' }] },
    { file: 'services/payments/src/pay.js', line: 12, kind: 'error', service: 'payments', count: 2, runbooks: [{ title: 'Payments 5xx', url: 'docs/runbooks/payments-5xx.md' }] },
  ]);
  assert.equal(annotations[3]!.title, 'PaymentDeclinedError: amount 700 over limit');
  assert.equal(annotations[0]!.title, 'Payments5xx: payments returns 5xx (critical)');
});

void test('scan --format sarif validates against SARIF 2.1.0 with repository-relative paths', async () => {
  const { code, out } = await run(['scan', ws, '--format', 'sarif']);
  assert.equal(code, 0);
  const log = JSON.parse(out) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.equal(validate(log), true, ajv.errorsText(validate.errors));
  const where = log.runs[0]!.results.map((r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`);
  assert.deepEqual(where, [
    'opslens/firing-incident ws/docs/runbooks/payments-5xx.md:1',
    'opslens/firing-incident ws/services/checkout/catalog-info.yaml:1',
    'opslens/production-error ws/services/checkout/src/cart.js:4',
    'opslens/production-error ws/services/payments/src/pay.js:12',
  ]);
});

void test('scan --changed-since keeps only annotations on lines the change touches', async () => {
  const cartFile = path.join(ws, 'services/checkout/src/cart.js');
  const original = readFileSync(cartFile, 'utf8');
  writeFileSync(cartFile, original.replace('return cart.items.concat(item);', 'return (cart.items ?? []).concat(item);'));
  try {
    const { code, out } = await run(['scan', ws, '--format', 'json', '--changed-since', 'HEAD']);
    assert.equal(code, 0);
    assert.deepEqual((JSON.parse(out) as Annotation[]).map((a) => `${a.file}:${a.line}`), ['services/checkout/src/cart.js:4']);
  } finally {
    writeFileSync(cartFile, original);
  }
  const unchanged = await run(['scan', ws, '--format', 'json', '--changed-since', 'HEAD']);
  assert.deepEqual(JSON.parse(unchanged.out), []);
});

void test('bad usage exits 2 with the reason: unknown revision, missing folder or config file', async () => {
  const badRev = await run(['scan', ws, '--changed-since', 'no-such-rev']);
  assert.equal(badRev.code, 2);
  assert.match(badRev.err, /--changed-since: "no-such-rev" is not a commit/);
  const noDir = await run(['scan', path.join(ws, 'nope')]);
  assert.equal(noDir.code, 2);
  assert.match(noDir.err, /is not a folder/);
  const noConfig = await run(['scan', ws, '--config', path.join(ws, 'missing.yaml')]);
  assert.equal(noConfig.code, 2);
  assert.match(noConfig.err, /--config: cannot read/);
});

void test('--config FILE: problems are named by file and line; catalog problems warn without failing', async () => {
  const config = path.join(repo, 'other.yaml');
  writeFileSync(config, 'services:\n  - name: payments\n    pathMappings: nope\n');
  const bad = await run(['scan', ws, '--config', config]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /other\.yaml:3:\d+: `pathMappings` must be a list/);
  writeFileSync(config, 'sources: []\n');
  writeFileSync(path.join(ws, 'services/catalog-info.yaml'), 'kind: Component\nmetadata: { annotations: {} }\n');
  try {
    const ok = await run(['scan', ws, '--config', config, '--format', 'json']);
    assert.equal(ok.code, 0);
    assert.deepEqual(JSON.parse(ok.out), []);
    assert.match(ok.err, /warning: services\/catalog-info\.yaml:1:1: a Component needs `metadata.name`/);
  } finally {
    rmSync(path.join(ws, 'services/catalog-info.yaml'));
  }
});
