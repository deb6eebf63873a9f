// The editor surfaces on the demo, as a user sees and clicks them: Errors view → line, line-end
// text, code lens, the runbook quick pick, a stack trace pasted from the clipboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { harnessAt } from '../harness/harnessInstall.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { errorsRow, hottestError, openFileAtLine, openOpsLensContainer, openWorkbench, uiEnv } from './workbench.mjs';
import { decorationCssContains, quickPickRow, runCommand, waitForCursorLine } from './surfaceSteps.mjs';

const env = uiEnv();
const hot = hottestError(env.workspace);
let browser;
let page;

before(async () => {
  browser = await launchBrowser(harnessAt(env.harnessRoot));
  page = browser.page;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await openWorkbench(page, env.url);
  // Generous: on a loaded 2-core machine the first poll of a cold language server can take minutes.
  await page.locator('.statusbar-item', { hasText: /\d+ errors?/ }).first().waitFor({ timeout: 180_000 });
});
after(() => browser?.close());

test('clicking the hot error in the Errors view opens its file with the line selected', async () => {
  await openOpsLensContainer(page);
  const row = errorsRow(page, hot.title).first();
  await row.waitFor({ timeout: 180_000 });
  await row.click();
  await page.locator('.tabs-container .tab', { hasText: path.basename(hot.file) }).first().waitFor({ timeout: 15_000 });
  await waitForCursorLine(page, hot.line);
  await page.screenshot({ path: path.join(env.shots, 'errors-click.png') });
});

test('the hot line carries the faint line-end text', async () => {
  await openFileAtLine(page, hot.file, hot.line);
  const fragment = hot.message.replace(/[^A-Za-z ]/g, ' ').split(/\s+/).filter((w) => w.length > 3).slice(0, 2).join(' ');
  await page.waitForFunction(
    ([wanted]) => [...document.styleSheets].some((s) => { try { return [...s.cssRules].some((r) => r.cssText.includes(wanted) && r.cssText.includes('TypeError')); } catch { return false; } }),
    [fragment.split(' ')[0]],
    { timeout: 30_000 },
  );
  assert.ok(await decorationCssContains(page, fragment.split(' ')[0]), `line-end text with "${fragment}"`);
  await page.screenshot({ path: path.join(env.shots, 'line-annotations.png') });
});

test('a code lens above the function counts its errors; clicking it lists the groups', async () => {
  const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: /errors? .*\(24h\)/ }).first();
  await lens.waitFor({ timeout: 30_000 });
  assert.match(await lens.innerText(), /^⚠ [\d.k]+ errors?( · [\d.k]+ log lines?)? \(24h\)$/);
  await lens.click();
  await quickPickRow(page, hot.message.slice(0, 30)).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(env.shots, 'code-lens.png') });
  await page.keyboard.press('Escape');
});

test('Open Runbook… lists the runbooks and opens a Markdown runbook in the preview', async () => {
  await runCommand(page, 'OpsLens: Open Runbook');
  const row = quickPickRow(page, 'Checkout 5xx responses').first();
  await row.waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(env.shots, 'runbook-pick.png') });
  await row.click();
  await page.locator('.tabs-container .tab', { hasText: 'Preview checkout-5xx.md' }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(env.shots, 'runbook.png') });
});

/** The hot error's stack trace as the demo log holds it (what a user would copy from a terminal). */
function hotStackTrace() {
  const dir = path.join(env.workspace, 'logs');
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.includes(hot.message.slice(0, 20))) continue;
      const stack = JSON.parse(line).err?.stack;
      if (stack) return stack;
    }
  }
  throw new Error(`no stack trace of "${hot.message}" in ${dir}`);
}

test('Open Stack Trace… resolves a trace from the clipboard and jumps to its crashing line', async () => {
  await page.evaluate((text) => navigator.clipboard.writeText(text), hotStackTrace());
  await runCommand(page, 'OpsLens: Open Stack Trace');
  const first = quickPickRow(page, `${path.basename(hot.file)}:${hot.line}`).first();
  await first.waitFor({ timeout: 15_000 });
  await quickPickRow(page, 'Not resolved to this workspace').or(quickPickRow(page, 'In this workspace')).first().waitFor({ timeout: 5_000 });
  await page.screenshot({ path: path.join(env.shots, 'stack-trace.png') });
  // The first in-app frame is the focused row (a click could land on a row's hover instead).
  assert.match(await page.locator('.quick-input-widget .monaco-list-row.focused').innerText(), new RegExp(`${path.basename(hot.file)}:${hot.line}`));
  await page.keyboard.press('Enter');
  await waitForCursorLine(page, hot.line);
});
