// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';

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

const entries = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/server/serverMain.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['src/cli/opslensEntry.ts'], outfile: 'dist/cli.js' },
];

await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
for (const e of entries) console.log(`${e.outfile}: ${(statSync(e.outfile).size / 1024).toFixed(0)} KB`);
