// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The client is two bundles: dist/extension.js is what VS Code loads to activate (views, commands,
// status bar); dist/languageClient.js (vscode-languageclient, the protocol) is required by it right
// after activation, so its require stays external here.
const entries = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './languageClient.js'] },
  { entryPoints: ['src/extension/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] },
  { entryPoints: ['src/server/serverMain.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['src/cli/opslensEntry.ts'], outfile: 'dist/cli.js' },
];

await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
for (const e of entries) console.log(`${e.outfile}: ${(statSync(e.outfile).size / 1024).toFixed(0)} KB`);

// The tree-sitter runtime and grammars the logging-statement index loads at run time (dist/tree-sitter).
const grammars = ['javascript', 'typescript', 'tsx', 'python', 'go', 'java', 'ruby', 'php', 'c-sharp'];
mkdirSync('dist/tree-sitter', { recursive: true });
copyFileSync('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/tree-sitter/web-tree-sitter.wasm');
for (const g of grammars) copyFileSync(`node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${g}.wasm`, `dist/tree-sitter/tree-sitter-${g}.wasm`);
