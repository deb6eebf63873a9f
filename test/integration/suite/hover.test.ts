import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpsLensApi } from '../../../src/extension/extension';
import { EXTENSION_ID, hottestError, messageOf, scanWorkspace, workspaceFolder, type ScanAnnotation } from './demoWorkspace';

/** The hovers' Markdown as the reader sees it: backslash escapes and the three entities undone. */
function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Resolves with the first diagnostics change for `uri` that satisfies `accept` (or if they already do). */
function diagnosticsWhere(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      listener.dispose();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

suite('OpsLens on the demo workspace (real vscode API)', () => {
  let annotations: ScanAnnotation[];
  let hot: ScanAnnotation;
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<OpsLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    annotations = await scanWorkspace(extension.extensionPath);
    hot = hottestError(annotations);
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, hot.file));
    await vscode.window.showTextDocument(document);
    // The workspace's .opslens.yaml activates the extension; `ready` resolves when the server has data.
    const api = await extension.activate();
    await api.ready;
  });

  test('the hover on the hot line shows the error message and its count', async () => {
    const line = document.lineAt(hot.line - 1);
    const position = new vscode.Position(line.lineNumber, line.firstNonWhitespaceCharacterIndex);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hoverText(hovers);
    assert.ok(text.includes(messageOf(hot)), `hover names "${messageOf(hot)}":\n${text}`);
    assert.ok(text.includes(`${hot.count.toLocaleString('en-US')}×`), `hover gives the count ${hot.count}:\n${text}`);
  });

  test('a line with no production activity has no OpsLens hover', async () => {
    const busy = new Set(annotations.filter((a) => a.file === hot.file).map((a) => a.line - 1));
    const quiet = [...Array(document.lineCount).keys()].find((n) => !busy.has(n) && !document.lineAt(n).isEmptyOrWhitespace);
    assert.ok(quiet !== undefined, `${hot.file} has a line without annotations`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(quiet, 0));
    assert.ok(!hoverText(hovers).includes(messageOf(hot)), `line ${quiet + 1} shows no OpsLens hover for the hot error`);
  });

  test('the Problems panel carries the production error on the hot line', async () => {
    const diagnostics = await diagnosticsWhere(document.uri, (d) => d.some((x) => x.source === 'OpsLens' && x.message.includes(messageOf(hot))));
    const mine = diagnostics.find((d) => d.source === 'OpsLens' && d.message.includes(messageOf(hot)));
    assert.ok(mine, `a diagnostic names "${messageOf(hot)}": ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    assert.equal(mine.range.start.line, hot.line - 1);
  });
});
