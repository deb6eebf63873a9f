// The packaged extension as a user gets it: the .vsix installed with `code-server --install-extension`,
// no extensionDevelopmentPath. Checks that it activates on the demo and how long activation took.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { harnessAt } from '../harness/harnessInstall.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { waitForFileContent } from '../harness/waitForFile.mjs';
import { activationTimeShownByVsCode, errorsRow, hottestError, openOpsLensContainer, openWorkbench, uiEnv } from './workbench.mjs';

const env = uiEnv();
const extensionsDir = process.env.OPSLENS_EXTENSIONS_DIR;
const logsDir = process.env.OPSLENS_LOGS_DIR;
const hot = hottestError(env.workspace);
let browser;
let page;

before(async () => {
  browser = await launchBrowser(harnessAt(env.harnessRoot));
  page = browser.page;
  await openWorkbench(page, env.url);
});
after(() => browser?.close());

test('the installed extension holds only the whitelisted files', () => {
  const installed = readdirSync(extensionsDir).find((d) => d.startsWith('opslens.opslens-'));
  assert.ok(installed, `opslens is installed in ${extensionsDir}`);
  const top = readdirSync(path.join(extensionsDir, installed)).sort();
  // vsce lower-cases readme.md and changelog.md.
  const allowed = ['dist', 'media', 'schemas', 'package.json', 'readme.md', 'changelog.md', 'license', 'license.txt', '.vsixmanifest'];
  for (const name of top) assert.ok(allowed.includes(name.toLowerCase()), `unexpected ${name} in the .vsix`);
  const dist = readdirSync(path.join(extensionsDir, installed, 'dist'));
  for (const bundle of ['extension.js', 'languageClient.js', 'server.js']) assert.ok(dist.includes(bundle), `dist has ${bundle}: ${dist.join(', ')}`);
  assert.ok(!dist.some((f) => f.endsWith('.map')), 'no source maps shipped');
});

test('the installed .vsix activates on the demo and lists the hot error', async () => {
  assert.doesNotMatch(await page.title(), /Extension Development Host/);
  await openOpsLensContainer(page);
  await errorsRow(page, hot.title).first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(env.shots, 'installed-vsix.png') });
});

test("VS Code's Running Extensions view shows OpsLens's activation time", async (t) => {
  // Includes loading dist/extension.js, which the extension's own figure below cannot see.
  const ms = await activationTimeShownByVsCode(page, 'OpsLens');
  assert.ok(Number.isInteger(ms) && ms >= 0);
  t.diagnostic(`activation as VS Code measures it: ${ms} ms`);
  console.log(`[integration] installed .vsix: VS Code reports activation in ${ms} ms`);
});

test('the OpsLens log reports the activation time', async (t) => {
  const { file, value: ms } = await waitForFileContent(logsDir, (name) => name === 'OpsLens.log', (text) => {
    const match = /activated in (\d+) ms/.exec(text);
    return match ? Number(match[1]) : undefined;
  });
  assert.ok(Number.isInteger(ms) && ms >= 0);
  t.diagnostic(`activation: ${ms} ms (from ${path.relative(logsDir, file)})`);
  console.log(`[integration] installed .vsix: activate() ran in ${ms} ms (OpsLens log)`);
});
