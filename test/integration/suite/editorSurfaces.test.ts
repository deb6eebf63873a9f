import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpsLensApi } from '../../../src/extension/extension';
import { EXTENSION_ID, hottestError, messageOf, scanWorkspace, workspaceFolder, type ScanAnnotation } from './demoWorkspace';
import { commandLinks, diagnosticsWhere, eventWhere, rawHover } from './surfaceWaits';

/** The editor surfaces on the demo: hover details, Problems settings, code actions, line-end text, code lens. */
suite('OpsLens editor surfaces on the demo (real vscode API)', () => {
  let api: OpsLensApi;
  let hot: ScanAnnotation;
  let document: vscode.TextDocument;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('opslens');

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<OpsLensApi>(EXTENSION_ID)!;
    hot = hottestError(await scanWorkspace(extension.extensionPath));
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, hot.file));
    await vscode.window.showTextDocument(document);
    api = await extension.activate();
    await api.ready;
  });

  suiteTeardown(async () => {
    for (const key of ['diagnostics.severity', 'minimumCount', 'inlineAnnotations.enabled']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  test('the hover has icons, a sparkline, releases without backslashes and only OpsLens command links', async () => {
    const md = await rawHover(document.uri, new vscode.Position(hot.line - 1, document.lineAt(hot.line - 1).firstNonWhitespaceCharacterIndex));
    assert.match(md, /^\$\(error\) \*\*/m, md);
    assert.match(md, /`[ ▁▂▃▄▅▆▇█]+` \d+h/, md);
    assert.match(md, /last seen .* ago · first seen .* ago/, md);
    const releases = /^Releases: (.*)$/m.exec(md)?.[1];
    assert.ok(releases && !releases.includes('\\'), `releases are code spans without escapes: ${releases}`);
    const commands = commandLinks(md);
    for (const id of ['opslens.openRunbook', 'opslens.revealGroup', 'opslens.copyStackTrace']) assert.ok(commands.includes(id), `${id} link in:\n${md}`);
    assert.ok(commands.every((c) => c.startsWith('opslens.')), commands.join(' '));
  });

  test('Problems: the severity follows opslens.diagnostics.severity, minimumCount hides, the code is the fingerprint', async () => {
    const mine = (d: readonly vscode.Diagnostic[]) => d.find((x) => x.source === 'OpsLens' && x.range.start.line === hot.line - 1);
    const initial = mine(await diagnosticsWhere(document.uri, (d) => mine(d) !== undefined))!;
    assert.equal(initial.severity, vscode.DiagnosticSeverity.Information);
    const code = typeof initial.code === 'object' ? initial.code.value : initial.code;
    assert.match(String(code), /\S{6,}/, 'the fingerprint is the code');
    await settings().update('diagnostics.severity', 'Warning', vscode.ConfigurationTarget.Global);
    await diagnosticsWhere(document.uri, (d) => mine(d)?.severity === vscode.DiagnosticSeverity.Warning);
    await settings().update('minimumCount', hot.count + 1, vscode.ConfigurationTarget.Global);
    await diagnosticsWhere(document.uri, (d) => mine(d) === undefined);
    await settings().update('minimumCount', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
    await diagnosticsWhere(document.uri, (d) => mine(d)?.severity === vscode.DiagnosticSeverity.Information);
  });

  test('an OpsLens diagnostic offers "Open runbook" as a quick fix', async () => {
    const range = document.lineAt(hot.line - 1).range;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range);
    const open = actions.find((a) => a.title === 'Open runbook');
    assert.ok(open, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(open.command?.command, 'opslens.openRunbook');
  });

  test('line-end text on the hot line, gone when the setting is off', async () => {
    const uri = document.uri.toString();
    const onHot = (e: { uri: string; annotations: { line: number; text: string }[] }) => e.uri === uri && e.annotations.some((a) => a.line === hot.line - 1 && a.text.startsWith('⚠ ') && a.text.includes(messageOf(hot).slice(0, 20)));
    const shown = eventWhere(api.onDidApplyLineAnnotations, onHot);
    await vscode.commands.executeCommand('opslens.refresh');
    await shown;
    const hidden = eventWhere(api.onDidApplyLineAnnotations, (e) => e.uri === uri && e.annotations.length === 0);
    await settings().update('inlineAnnotations.enabled', false, vscode.ConfigurationTarget.Global);
    await hidden;
    const back = eventWhere(api.onDidApplyLineAnnotations, onHot);
    await settings().update('inlineAnnotations.enabled', undefined, vscode.ConfigurationTarget.Global);
    await back;
  });

  test('a code lens above the function holding the hot line counts its errors and log lines', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
    const mine = lenses.filter((l) => l.command?.command === 'opslens.showGroups');
    assert.ok(mine.length > 0, `code lenses: ${lenses.map((l) => l.command?.title).join(' | ')}`);
    const above = mine.filter((l) => l.range.start.line <= hot.line - 1).sort((a, b) => b.range.start.line - a.range.start.line)[0];
    assert.ok(above, 'a lens above the hot line');
    assert.match(above.command!.title, /^⚠ [\d.k]+ errors?( · [\d.k]+ log lines?)? \(24h\)$/);
    const errorsInLens = Number(/⚠ ([\d.]+)(k?) error/.exec(above.command!.title)!.slice(1, 2)[0]);
    assert.ok(errorsInLens >= Math.min(hot.count, 1000) || above.command!.title.includes('k'), `${above.command!.title} counts at least the hot error's ${hot.count}`);
  });

  test('a vscode://opslens.opslens/open?file=…&line=… link opens that line; a path outside the workspace opens nothing', async () => {
    const other = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, '.opslens.yaml'));
    await vscode.window.showTextDocument(other);
    const link = (query: string) => vscode.Uri.parse(`${vscode.env.uriScheme}://opslens.opslens/open`).with({ query });
    const selected = eventWhere(vscode.window.onDidChangeTextEditorSelection, (e) => e.textEditor.document.uri.fsPath.endsWith(hot.file) && e.selections[0]!.start.line === hot.line - 1);
    // The handler registered with window.registerUriHandler (the browser VS Code sends its own scheme to the browser).
    await api.handleUri(link('file=../../../../../../etc/passwd&line=1'));
    await api.handleUri(link(`file=${encodeURIComponent(hot.file)}&line=${hot.line}`));
    await selected;
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith('/etc/passwd')), 'the link leaving the workspace opened nothing');
  });
});
