import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpsLensApi } from '../../../src/extension/extension';
import { AGENT_TOOLS, INCIDENTS_TOOL, LOG_LINES_TOOL, PRODUCTION_ERRORS_TOOL } from '../../../src/core/agentTools/agentTools';
import { EXTENSION_ID, hottestError, messageOf, scanWorkspace, workspaceFolder, type ScanAnnotation } from './demoWorkspace';

/**
 * The slice of the language model API these tests call: final since VS Code 1.95, newer than
 * the @types/vscode (1.91) the extension builds against. The harness runs VS Code 1.139.
 */
interface LmApi {
  lm: {
    tools: readonly { name: string; description: string }[];
    invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: unknown[] }>;
  };
}

const lm = (vscode as unknown as LmApi).lm;

/** The text parts of a tool result (LanguageModelTextPart has `value`). */
function textOf(result: { content: unknown[] }): string {
  return result.content.map((part) => (part && typeof part === 'object' && 'value' in part ? String(part.value) : '')).join('');
}

/** The data block of an answer, parsed back from its escaped JSON. */
function block(text: string): unknown {
  const open = '<untrusted-production-data>\n';
  const start = text.indexOf(open);
  const end = text.lastIndexOf('\n</untrusted-production-data>');
  assert.ok(start > 0 && end > start, text);
  return JSON.parse(text.slice(start + open.length, end));
}

suite('OpsLens language model tools (vscode.lm)', () => {
  let annotations: ScanAnnotation[];
  let hot: ScanAnnotation;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<OpsLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    annotations = await scanWorkspace(extension.extensionPath);
    hot = hottestError(annotations);
    await (await extension.activate()).ready;
  });

  test('the three tools are registered', () => {
    const names = new Set(lm.tools.map((t) => t.name));
    for (const tool of AGENT_TOOLS) assert.ok(names.has(tool.name), `${tool.name} in vscode.lm.tools: ${[...names].join(', ')}`);
  });

  test('invoking the production errors tool on the hot file returns the demo error with its count', async () => {
    const result = await lm.invokeTool(PRODUCTION_ERRORS_TOOL, { input: { file: hot.file }, toolInvocationToken: undefined });
    const text = textOf(result);
    assert.match(text, /untrusted production data from "file \(file\)"/);
    const errors = block(text) as { line: number; title: string; count: number }[];
    const top = errors.find((e) => e.line === hot.line);
    assert.ok(top, text);
    assert.equal(top.count, hot.count);
    assert.ok(top.title.includes(messageOf(hot)), top.title);
  });

  test('a file URI of the workspace is accepted, and log lines and incidents answer', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, hot.file).toString();
    const byUri = block(textOf(await lm.invokeTool(PRODUCTION_ERRORS_TOOL, { input: { file: uri, line: hot.line }, toolInvocationToken: undefined }))) as { count: number }[];
    assert.deepEqual(byUri.map((e) => e.count), [hot.count]);
    const statement = annotations.filter((a) => a.kind === 'log').sort((a, b) => b.count - a.count)[0]!;
    const logs = block(textOf(await lm.invokeTool(LOG_LINES_TOOL, { input: { file: statement.file, line: statement.line }, toolInvocationToken: undefined }))) as { count: number }[];
    assert.equal(logs[0]?.count, statement.count);
    const incidents = block(textOf(await lm.invokeTool(INCIDENTS_TOOL, { input: { file: hot.file }, toolInvocationToken: undefined }))) as { service: string | null; runbooks: unknown[] };
    assert.ok(incidents.service, 'the hot file has an owning service');
    assert.ok(incidents.runbooks.length > 0);
  });

  test('input outside the workspace is refused with a reason the model reads', async () => {
    await assert.rejects(
      Promise.resolve(lm.invokeTool(PRODUCTION_ERRORS_TOOL, { input: { file: '../../etc/passwd' }, toolInvocationToken: undefined })),
      /not a file inside the workspace/,
    );
  });
});
