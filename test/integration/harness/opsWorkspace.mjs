// The "ops" fixture workspace (test/fixtures/workspaces/ops) made ready for a run: copied to a
// temporary folder (tests write to its .opslens.yaml), a pino log dated now written into it,
// and a loopback Alertmanager (/api/v2/alerts, filtered by the service matcher) started for its
// "alerts" source. Its "alerts-down" source points at 127.0.0.1:9, where nothing listens.
//
// The log lines are written here rather than recorded from a run: they need stack frames under a
// deployed prefix (/srv/app/) and a hostile message, which is what the tests are about.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('../../fixtures/workspaces/ops', import.meta.url));

/** A log message that tries a command link, HTML, a javascript: link and a theme icon. */
export const HOSTILE_MESSAGE = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> [y](javascript:alert(1)) $(terminal)';
/** The error whose frames are all under /srv/app/ and tie between services: unplaced until a pathMapping. */
export const UNPLACED_MESSAGE = "Cannot read properties of undefined (reading 'cents')";
export const COUNTS = { hostile: 7, unplaced: 12, stockLow: 40 };

function pinoLine(time, level, fields) {
  return JSON.stringify({ level, time, pid: 4242, hostname: 'orders-7d9f', service: 'orders', version: '1.42.0', ...fields });
}

function logLines(now) {
  const lines = [];
  const at = (i, n) => now - 3_600_000 * 5 + Math.round((i / n) * 3_600_000 * 4.5);
  for (let i = 0; i < COUNTS.hostile; i++) {
    const stack = `TypeError: ${HOSTILE_MESSAGE}\n    at placeOrder (/srv/app/src/orders.js:17:45)\n    at handle (/srv/app/src/handler.js:6:17)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
    lines.push(pinoLine(at(i, COUNTS.hostile), 50, { err: { type: 'TypeError', message: HOSTILE_MESSAGE, stack }, msg: HOSTILE_MESSAGE }));
  }
  for (let i = 0; i < COUNTS.unplaced; i++) {
    const stack = `TypeError: ${UNPLACED_MESSAGE}\n    at /srv/app/src/money.js:4:55\n    at Array.reduce (<anonymous>)\n    at handle (/srv/app/src/handler.js:7:48)`;
    // A worker deployed from the orders code under its own service.name: no configured root breaks the tie.
    lines.push(pinoLine(at(i, COUNTS.unplaced) + 17, 50, { service: 'orders-worker', err: { type: 'TypeError', message: UNPLACED_MESSAGE, stack }, msg: UNPLACED_MESSAGE }));
  }
  for (let i = 0; i < COUNTS.stockLow; i++) lines.push(pinoLine(at(i, COUNTS.stockLow) + 31, 40, { sku: `SKU-${i % 4}`, msg: `stock low for SKU-${i % 4}` }));
  return lines.sort((a, b) => JSON.parse(a).time - JSON.parse(b).time);
}

function alerts(now) {
  const startsAt = new Date(now - 20 * 60_000).toISOString();
  const endsAt = new Date(now + 3_600_000).toISOString();
  const status = { state: 'active', silencedBy: [], inhibitedBy: [] };
  return [
    { fingerprint: 'a1', labels: { alertname: 'OrdersErrorRate', service: 'orders', severity: 'critical' }, annotations: { summary: 'Orders error rate above 5%', runbook_url: 'docs/runbooks/orders-errors.md' }, startsAt, endsAt, updatedAt: startsAt, status, receivers: [{ name: 'oncall' }], generatorURL: 'http://prometheus.example.com/graph' },
    { fingerprint: 'a2', labels: { alertname: 'PaymentsLatencyHigh', service: 'payments', severity: 'warning' }, annotations: { summary: 'Payments p99 above 2 s' }, startsAt, endsAt, updatedAt: startsAt, status, receivers: [{ name: 'oncall' }], generatorURL: 'http://prometheus.example.com/graph' },
  ];
}

/** A loopback Alertmanager answering GET /api/v2/alerts with the alerts whose labels match the `filter` matchers. */
function startAlertmanager(now) {
  const all = alerts(now);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api/v2/alerts') {
      res.writeHead(404).end();
      return;
    }
    const matchers = url.searchParams.getAll('filter').map((f) => /^(\w+)="(.*)"$/.exec(f)).filter(Boolean);
    const body = all.filter((a) => matchers.every(([, k, v]) => a.labels[k] === v));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Copies the fixture to a fresh folder named `ops`, writes its log and starts its Alertmanager. */
export async function prepareOpsWorkspace(now = Date.now()) {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'opslens-ops-')), 'ops');
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  writeFileSync(path.join(dir, 'logs', 'app.ndjson'), `${logLines(now).join('\n')}\n`);
  const alertmanager = await startAlertmanager(now);
  const configFile = path.join(dir, '.opslens.yaml');
  writeFileSync(configFile, readFileSync(configFile, 'utf8').replaceAll('ALERTMANAGER_URL', `http://127.0.0.1:${alertmanager.address().port}`));
  return { dir, close: () => new Promise((resolve) => alertmanager.close(() => resolve())) };
}
