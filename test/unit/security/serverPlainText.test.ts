/**
 * What the language server hands the client for tree items and quick picks (opslens/groups,
 * opslens/incidents, opslens/runbooks, the sources of opslens/health) is plain text without controls or bidi overrides,
 * bounded in length: the service name of a log record and the service label of an alert come
 * from production as much as the message does. Runs the real server over an in-process LSP
 * connection on a workspace whose log line and alert carry a hostile service name.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { GroupInfo, HealthReport, IncidentInfo, RunbookInfo } from '../../../src/protocol';
import { inProcessServer } from '../../support/inProcessServer';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';

const HOSTILE = `pay\u202egnp.exe\u202c\u0000\u001b[31mments\n[x](command:workbench.action.terminal.new) \u2066${'A'.repeat(100_000)}`;

let workspace: string;
let alertmanager: FaultServer;

before(async () => {
  alertmanager = await startFaultServer(() =>
    json([{ fingerprint: 'fp1', labels: { alertname: 'PaymentsDown', service: HOSTILE }, annotations: { summary: HOSTILE, runbook_url: 'docs/runbooks/payments.md' }, startsAt: new Date().toISOString(), status: { state: 'active' } }]),
  );
  workspace = mkdtempSync(path.join(tmpdir(), 'opslens-plain-text-'));
  mkdirSync(path.join(workspace, 'logs'));
  mkdirSync(path.join(workspace, 'docs', 'runbooks'), { recursive: true });
  writeFileSync(path.join(workspace, 'app.js'), "function charge() {\n  throw new TypeError('declined');\n}\nmodule.exports = { charge };\n");
  writeFileSync(path.join(workspace, 'docs', 'runbooks', 'payments.md'), '# Payments down\n\nRestart it.\n');
  const stack = 'TypeError: declined\n    at charge (/srv/app/app.js:2:9)\n    at main (/srv/app/app.js:5:1)';
  const line = { level: 50, time: Date.now(), msg: 'request failed', service: HOSTILE, err: { type: 'TypeError', message: 'declined', stack } };
  writeFileSync(path.join(workspace, 'logs', 'app.ndjson'), `${JSON.stringify(line)}\n`);
  // A second alertmanager source whose configured name is hostile too (the workspace's config is untrusted).
  const hostileName = JSON.stringify(HOSTILE.slice(0, 120));
  writeFileSync(path.join(workspace, '.opslens.yaml'), `sources:\n  - { type: file, path: "logs/*.ndjson" }\n  - { type: alertmanager, name: alerts, url: "${alertmanager.url}", timeout: 5s }\n  - { type: alertmanager, name: ${hostileName}, url: "${alertmanager.url}/x", timeout: 5s }\n`);
});

after(async () => {
  await alertmanager.close();
  rmSync(workspace, { recursive: true, force: true });
});

/** The in-process server; resolves with the client once the first data is published. */
async function startedServer(): Promise<ProtocolConnection> {
  const connection = inProcessServer();
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('opslens/credential', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  const firstData = new Promise<void>((resolve) => connection.onNotification('opslens/dataChanged', () => resolve()));
  connection.listen();
  const rootUri = pathToFileURL(workspace).toString();
  await connection.sendRequest('initialize', { processId: null, rootUri, capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: rootUri, name: 'ws' }] });
  await connection.sendNotification('initialized', {});
  await firstData;
  return connection;
}

function assertPlain(value: unknown, where: string, maxLength: number): void {
  assert.equal(typeof value, 'string', where);
  const text = value as string;
  assert.ok(!/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text), `${where}: a control or bidi character in ${JSON.stringify(text.slice(0, 60))}`);
  assert.ok(text.length <= maxLength, `${where}: ${text.length} chars`);
}

void test('opslens/groups, opslens/incidents and opslens/runbooks: service names and titles from production are plain, bounded text, and so are source names in opslens/health', async () => {
  const connection = await startedServer();
  try {
    const groups = await connection.sendRequest<GroupInfo[]>('opslens/groups', {});
    const placed = groups.find((g) => g.uri.endsWith('/app.js'));
    assert.ok(placed, `the error was placed on app.js: ${JSON.stringify(groups).slice(0, 300)}`);
    assert.ok(placed.service?.startsWith('pay'), 'the service is still shown');
    for (const g of groups) {
      assertPlain(g.service, 'group service', 201);
      assertPlain(g.title, 'group title', 501);
    }
    const incidents = await connection.sendRequest<IncidentInfo[]>('opslens/incidents', {});
    assert.equal(incidents.length, 2, 'the alert is listed by each source');
    for (const i of incidents) {
      assertPlain(i.service, 'incident service', 201);
      assertPlain(i.title, 'incident title', 501);
      assertPlain(i.source, 'incident source', 201);
    }
    const runbooks = await connection.sendRequest<RunbookInfo[]>('opslens/runbooks', {});
    const forIncident = runbooks.find((r) => r.reason === 'incident');
    assert.ok(forIncident, `the alert's runbook is listed: ${JSON.stringify(runbooks).slice(0, 300)}`);
    assertPlain(forIncident.service, 'runbook service', 201);
    const health = await connection.sendRequest<HealthReport>('opslens/health');
    assert.equal(health.sources.length, 3);
    for (const source of health.sources) {
      assertPlain(source.name, 'source name', 201);
      if (source.notice !== undefined) assertPlain(source.notice, 'source notice', 1001);
      if (source.lastError) assertPlain(source.lastError.reason, 'source error', 1001);
    }
  } finally {
    await connection.sendRequest('shutdown');
    connection.dispose();
  }
});
