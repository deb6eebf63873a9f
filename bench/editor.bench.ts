// Editor-side figures (DESIGN.md section 5):
//  1. client bundle: production build of dist/extension.js, KB (target < 300), with what each
//     package contributes (esbuild metafile);
//  2. extension activation: the production bundle loaded and activate() run in a child process
//     against a stub `vscode` module (every API call answers a no-op), ms from require to
//     activate() returning (target < 50); baseline: the same child requiring an empty module;
//  3. server start to first hover on the demo: `dist/server.js --stdio` spawned, initialised on
//     a copy of examples/demo, hovers asked until one answers (target < 1 s).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { recordFigures, type Figure } from './support/figures';

const REPO = path.join(__dirname, '..');
const OUT = mkdtempSync(path.join(os.tmpdir(), 'opslens-bench-editor-'));

async function bundleFigure(): Promise<Figure> {
  const result = await esbuild.build({
    entryPoints: [path.join(REPO, 'src/extension/extension.ts')],
    outfile: path.join(OUT, 'extension.js'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, external: ['vscode'], legalComments: 'none', metafile: true, logLevel: 'warning',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const byPackage = new Map<string, number>();
  for (const [file, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? 'OpsLens (src/)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6);
  for (const [pkg, bytes] of top) console.log(`  ${(bytes / 1024).toFixed(0).padStart(5)} KB  ${pkg}`);
  const lsp = ['vscode-languageclient', 'vscode-jsonrpc', 'vscode-languageserver-protocol', 'vscode-languageserver-types'].reduce((n, p) => n + (byPackage.get(p) ?? 0), 0);
  return {
    id: 'clientBundle',
    title: 'client bundle (dist/extension.js, production, minified)',
    value: statSync(path.join(OUT, 'extension.js')).size / 1024,
    unit: 'KB',
    target: { op: '<', value: 300 },
    detail: Object.fromEntries(top.map(([p, b]) => [p, Math.round(b / 1024)])),
    note: `vscode-languageclient and the protocol packages it brings are ${(lsp / 1024).toFixed(0)} KB of it (CommonJS, not tree-shaken); OpsLens's own client code is ${((byPackage.get('OpsLens (src/)') ?? 0) / 1024).toFixed(0)} KB`,
  };
}

const STUB = `
const handler = { get: (t, k) => k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : k === Symbol.iterator ? function* () {} : stub(), apply: () => stub(), construct: () => stub(), set: () => true, defineProperty: () => true };
function stub() { return new Proxy(function () {}, handler); }
// Marked as an ES module so TypeScript's and esbuild's interop keep the object (or its prototype): every name resolves.
module.exports = Object.create(new Proxy({}, { get: (t, k) => (k === 'version' ? '1.95.0' : stub()) }), { __esModule: { value: true, enumerable: true } });
`;

const CHILD = `
const Module = require('module');
const orig = Module._resolveFilename;
Module._resolveFilename = function (req, ...rest) { return req === 'vscode' ? ${JSON.stringify(path.join(OUT, 'vscode.js'))} : orig.call(this, req, ...rest); };
const which = process.argv[2];
const t0 = performance.now();
if (which === 'empty') { require(${JSON.stringify(path.join(OUT, 'empty.js'))}); process.stdout.write(String(performance.now() - t0)); }
else {
  const ext = require(${JSON.stringify(path.join(OUT, 'extension.js'))});
  const loaded = performance.now();
  const context = { subscriptions: [], extensionPath: ${JSON.stringify(REPO)}, extensionUri: { fsPath: ${JSON.stringify(REPO)} }, asAbsolutePath: (p) => require('path').join(${JSON.stringify(REPO)}, p), globalState: { get() {}, update: async () => {} }, workspaceState: { get() {}, update: async () => {} }, secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) }, extensionMode: 1, logUri: { fsPath: '/tmp' }, storageUri: undefined, globalStorageUri: { fsPath: '/tmp' } };
  Promise.resolve(ext.activate(context)).then(() => { process.stdout.write(JSON.stringify({ loadMs: loaded - t0, totalMs: performance.now() - t0 })); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
}
`;

function activationFigure(): Figure {
  writeFileSync(path.join(OUT, 'vscode.js'), STUB);
  writeFileSync(path.join(OUT, 'empty.js'), 'module.exports = {};\n');
  writeFileSync(path.join(OUT, 'child.js'), CHILD);
  const loads: number[] = [];
  const runs = (which: string): number[] =>
    Array.from({ length: 7 }, () => {
      const r = spawnSync(process.execPath, [path.join(OUT, 'child.js'), which], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`activation child failed: ${r.stderr}`);
      if (which === 'empty') return Number(r.stdout);
      const times = JSON.parse(r.stdout) as { loadMs: number; totalMs: number };
      loads.push(times.loadMs);
      return times.totalMs;
    }).sort((a, b) => a - b);
  const empty = runs('empty')[3]!;
  const ours = runs('extension')[3]!;
  loads.sort((a, b) => a - b);
  return {
    id: 'activation',
    title: 'extension activation: require(dist/extension.js) + activate(), stub vscode module, child process (median of 7)',
    value: ours,
    unit: 'ms',
    target: { op: '<', value: 50 },
    baseline: 'require of an empty module in the same child (detail.ratioToEmptyModule)',
    detail: { requireBundleMs: loads[3]!, emptyModuleMs: empty, ratioToEmptyModule: ours / Math.max(empty, 0.01) },
    note: 'the stub answers every vscode call at once; VS Code itself adds its own extension-host work (the installed-.vsix UI test reads the figure VS Code shows)',
  };
}

async function firstHoverFigure(): Promise<Figure> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opslens-bench-demo-'));
  cpSync(path.join(REPO, 'examples/demo'), root, { recursive: true, filter: (f) => !f.includes('node_modules') && !f.includes('.opslens-cache') });
  const regenerated = spawnSync(process.execPath, [path.join(root, 'scripts/generateLogs.mjs')], { cwd: root, encoding: 'utf8' });
  if (regenerated.status !== 0) console.log(`  (demo logs not regenerated: ${regenerated.stderr.split('\n')[0]})`);
  const start = performance.now();
  const server = spawn(process.execPath, [path.join(REPO, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('opslens/credential', () => null);
  connection.listen();
  const rootUri = pathToFileURL(root).toString();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: rootUri, name: 'demo' }] });
  connection.sendNotification('initialized', {});
  const file = path.join(root, 'src/payments/charge.ts');
  const uri = pathToFileURL(file).toString();
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: '' } });
  let hover: unknown = null;
  let asked = 0;
  while (!hover && performance.now() - start < 20_000) {
    asked++;
    hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 22, character: 10 } });
    if (!hover) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const ms = performance.now() - start;
  server.kill();
  connection.dispose();
  rmSync(root, { recursive: true, force: true });
  if (!hover) throw new Error('no hover on the demo within 20 s');
  return { id: 'serverFirstHover', title: 'language server start to first hover on the demo (stdio, spawn to answer)', value: ms / 1000, unit: 's', target: { op: '<', value: 1 }, detail: { hoversAsked: asked } };
}

void (async () => {
  console.log('client bundle by package:');
  const figures = [await bundleFigure(), activationFigure()];
  if (spawnSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  figures.push(await firstHoverFigure());
  recordFigures(figures);
  rmSync(OUT, { recursive: true, force: true });
})();
