import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpsLensApi } from '../../../../src/extension/extension';
import { EXTENSION_ID, workspaceFolder } from '../demoWorkspace';
import { commandLinks, diagnosticsWhere, eventWhere, rawHover } from '../surfaceWaits';

// The "ops" fixture workspace (test/fixtures/workspaces/ops, prepared by harness/opsWorkspace.mjs):
// a hostile error message on orders.js:17, a warn statement on orders.js:9, 12 errors whose frames
// under /srv/app/ tie between services, a loopback Alertmanager and one that is down.
const ORDERS = 'services/orders/src/orders.js';
const MONEY = 'services/orders/src/money.js';

suite('OpsLens on the ops fixture: hostile text, a source down, path-mapping suggestion', () => {
  let api: OpsLensApi;
  let orders: vscode.TextDocument;
  const uri = (rel: string): vscode.Uri => vscode.Uri.joinPath(workspaceFolder().uri, rel);

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<OpsLensApi>(EXTENSION_ID)!;
    orders = await vscode.workspace.openTextDocument(uri(ORDERS));
    await vscode.window.showTextDocument(orders);
    api = await extension.activate();
    await api.ready;
  });

  test('a hostile log message is escaped text in the hover: no foreign command, no HTML, no javascript: link', async () => {
    await diagnosticsWhere(orders.uri, (d) => d.some((x) => x.source === 'OpsLens' && x.range.start.line === 16));
    const md = await rawHover(orders.uri, new vscode.Position(16, 4));
    assert.match(md, /7×/, md);
    const commands = commandLinks(md);
    assert.ok(commands.length >= 2 && commands.every((c) => c.startsWith('opslens.')), `command links: ${commands.join(' ')}`);
    assert.ok(!/<img/i.test(md), md);
    assert.ok(!/\]\(\s*javascript:/i.test(md), md);
    assert.ok(!md.includes(' $(terminal)'), 'no theme icon from the log text');
    assert.ok(md.includes('command\\:workbench\\.action\\.terminal\\.new'), 'the link text is still there, as text');
  });

  test('the status bar warns that a source is down, counting the file service only', async () => {
    const shown = await eventWhere(api.onDidUpdateStatus, (s) => s.warning && s.status.service === 'orders', () => api.currentStatus());
    assert.match(shown.text, /^\$\(warning\) orders: 1 incident · 7 errors$/);
    assert.match(shown.tooltip, /alerts-down is (failing|stale): .*127\.0\.0\.1:9/);
  });

  test('line-end text and code lenses on orders.js: the error, the warn statement, per function', async () => {
    const applied = eventWhere(api.onDidApplyLineAnnotations, (e) => e.uri === orders.uri.toString() && e.annotations.length >= 2);
    await vscode.commands.executeCommand('opslens.refresh');
    const { annotations } = await applied;
    const byLine = new Map(annotations.map((a) => [a.line, a.text]));
    assert.match(byLine.get(16) ?? '', /^⚠ 7× TypeError: \[x\]\(command:workbench/);
    assert.match(byLine.get(8) ?? '', /^≡ 40× warn: stock low for SKU-\d$/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', orders.uri, 10);
    const titles = new Map(lenses.filter((l) => l.command?.command === 'opslens.showGroups').map((l) => [l.range.start.line, l.command!.title]));
    assert.equal(titles.get(5), '≡ 40 log lines (24h)', [...titles].join(' | '));
    assert.equal(titles.get(13), '⚠ 7 errors (24h)', [...titles].join(' | '));
  });

  test('the health report suggests the pathMapping, and the quick fix writes it and places the errors', async () => {
    await vscode.commands.executeCommand('opslens.showHealth');
    const report = vscode.window.activeTextEditor!.document.getText();
    assert.match(report, /### alerts-down \(alertmanager\): (failing|stale)/);
    assert.match(report, /24 frame\(s\) under `\/srv\/app\/` matched no single file: add a pathMapping from `\/srv\/app\/` to `services\/orders\/` \(service orders\)/);
    const money = uri(MONEY);
    assert.equal(vscode.languages.getDiagnostics(money).length, 0, 'unplaced before the mapping');
    const added = await vscode.commands.executeCommand<boolean>('opslens.addPathMapping', { folder: workspaceFolder().uri.toString(), service: 'orders', from: '/srv/app/', to: 'services/orders/', frames: 12 });
    assert.equal(added, true);
    const yaml = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri('.opslens.yaml')));
    assert.match(yaml, /pathMappings:\n\s+- \{ from: \/srv\/app\/, to: services\/orders\/ \}/);
    assert.match(yaml, /# service.name in the log lines/, 'comments kept');
    const placed = await diagnosticsWhere(money, (d) => d.some((x) => x.source === 'OpsLens' && x.message.startsWith('12× TypeError')));
    assert.equal(placed.find((x) => x.source === 'OpsLens')!.range.start.line, 3);
  });

  test('removing the log source from .opslens.yaml clears its diagnostics', async () => {
    const config = uri('.opslens.yaml');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(config));
    const without = text.replace(/^\s*- \{ type: file, path: logs\/\*\.ndjson \}\n/m, '');
    assert.notEqual(without, text, 'the file source line is in the fixture');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(without));
    await diagnosticsWhere(orders.uri, (d) => !d.some((x) => x.source === 'OpsLens'));
    await diagnosticsWhere(uri(MONEY), (d) => !d.some((x) => x.source === 'OpsLens'));
  });
});
