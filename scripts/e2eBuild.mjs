// Bundles the extension-host integration suites (test/integration/suite/*.ts) and the
// @vscode/test-electron launcher into out/test/integration/. `vscode` comes from the extension host;
// mocha and @vscode/test-electron stay external and load from the project's node_modules.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const suiteDir = 'test/integration/suite';
const outdir = 'out/test/integration';
rmSync(outdir, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
};
// Suites of fixture workspaces live in suite/<workspace>/ and land in out/…/suite/<workspace>/.
const suites = readdirSync(suiteDir, { recursive: true })
  .map(String)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => path.join(suiteDir, f));

await Promise.all([
  esbuild.build({ ...common, entryPoints: suites, outbase: suiteDir, outdir: path.join(outdir, 'suite') }),
  esbuild.build({ ...common, entryPoints: ['test/integration/electron/runElectronTests.ts'], outdir: path.join(outdir, 'electron') }),
]);
console.log(`${outdir}: ${suites.length} suite bundles and the test-electron launcher`);
