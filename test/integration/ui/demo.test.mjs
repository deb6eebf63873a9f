// What a user sees: the extension under development in code-server, driven through chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { harnessAt } from '../harness/harnessInstall.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { errorsRow, hottestError, hoverLine, openFileAtLine, openOpsLensContainer, openWorkbench, uiEnv, viewHeader, waitForOpsLensData } from './workbench.mjs';

const env = uiEnv();
const hot = hottestError(env.workspace);
let browser;
let page;

before(async () => {
  browser = await launchBrowser(harnessAt(env.harnessRoot));
  page = browser.page;
  await openWorkbench(page, env.url);
});
after(() => browser?.close());

test('the OpsLens container shows Incidents, Errors and Sources, and Errors lists the hot error', async () => {
  await openOpsLensContainer(page);
  for (const name of ['Incidents', 'Errors', 'Sources']) await viewHeader(page, name).waitFor({ timeout: 10_000 });
  const row = errorsRow(page, hot.title).first();
  await row.waitFor({ timeout: 60_000 });
  assert.match(await row.innerText(), new RegExp(`${hot.count.toLocaleString('en-US')}×`));
  await page.screenshot({ path: path.join(env.shots, 'views.png') });
});

test('hovering the hot line shows the error message and its count', async () => {
  await waitForOpsLensData(page);
  await openFileAtLine(page, hot.file, hot.line);
  const hover = await hoverLine(page, hot.line, hot.message);
  const text = await hover.innerText();
  assert.match(text, /last seen/, `the OpsLens hover, not only the Problems entry:\n${text}`);
  assert.ok(text.includes(hot.message), `hover shows "${hot.message}":\n${text}`);
  assert.ok(text.includes(`${hot.count.toLocaleString('en-US')}×`), `hover shows the count ${hot.count}:\n${text}`);
  // The Problems entry (with its called-from frames) comes first in the widget; scroll the OpsLens part
  // into view so the screenshot (the README's) shows it whole.
  await hover.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
  await page.screenshot({ path: path.join(env.shots, 'hover.png') });
});
