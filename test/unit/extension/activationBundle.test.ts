import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import * as esbuild from 'esbuild';

const REPO = path.join(__dirname, '..', '..', '..');

// What VS Code loads to activate OpsLens (dist/extension.js, as scripts/build.mjs builds it) must not
// pull in the language client: one runtime import of protocol.ts or vscode-languageclient from a view
// or command would put ~400 KB back on the activation path. Type imports are fine (erased).
void test('the activation bundle holds no language-client or protocol package', async () => {
  const result = await esbuild.build({
    entryPoints: [path.join(REPO, 'src/extension/extension.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, write: false, metafile: true, logLevel: 'silent',
    external: ['vscode', './languageClient.js'],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const lsp = inputs.filter((f) => /node_modules\/(vscode-languageclient|vscode-jsonrpc|vscode-languageserver[^/]*)\//.test(f));
  assert.deepEqual(lsp, []);
  assert.ok(!inputs.some((f) => f.endsWith('src/protocol.ts')), 'protocol.ts (which builds message types with the library) is not in it');
  assert.ok(!inputs.some((f) => f.includes('src/extension/supervision/serverSupervisor.ts')), 'the supervisor comes with the language client, not at activation');
});
