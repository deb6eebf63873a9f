// The ops fixture workspace in the browser: a hostile log message in the hover DOM, the status bar
// warning for a source that is down, the sidebar views, and the health report's quick fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { harnessAt } from '../harness/harnessInstall.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { waitForFileContent } from '../harness/waitForFile.mjs';
import { hoverLine, openFileAtLine, openOpsLensContainer, openWorkbench, uiEnv, viewHeader } from './workbench.mjs';
import { hoverLinks, runCommand, withFailureShot } from './surfaceSteps.mjs';

const env = uiEnv();
const ORDERS = 'services/orders/src/orders.js';
let browser;
let page;

before(async () => {
  browser = await launchBrowser(harnessAt(env.harnessRoot));
  page = browser.page;
  await openWorkbench(page, env.url);
  await page.locator('.statusbar-item', { hasText: /\d+ errors?/ }).first().waitFor({ timeout: 180_000 });
});
after(() => browser?.close());

test('a hostile log message renders as text: the hover DOM has no foreign command link, image or javascript: link', async () =>
  withFailureShot(page, env.shots, 'hostile-hover', async () => {
    await openFileAtLine(page, ORDERS, 17);
    const hover = await hoverLine(page, 17, 'last seen');
    const text = await hover.innerText();
    assert.ok(text.includes('[x](command:workbench.action.terminal.new)'), `the message is shown as text:\n${text}`);
    assert.ok(text.includes('<img src=x onerror=alert(1)>'), `the HTML is shown as text:\n${text}`);
    const { links, images } = await hoverLinks(hover);
    assert.equal(images, 0, 'no image element');
    assert.ok(links.length >= 2, `OpsLens's own links are there: ${links.join(' ')}`);
    for (const link of links) {
      assert.ok(/^command:opslens\./.test(link) || /^https?:/.test(link), `only OpsLens commands or web links: ${link}`);
      assert.ok(!/javascript:/i.test(link), link);
    }
    await page.screenshot({ path: path.join(env.shots, 'hover-hostile.png') });
    await page.keyboard.press('Escape');
  }));

test('the status bar warns that a source is down and counts the current file service', async () =>
  withFailureShot(page, env.shots, 'status-warning', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'orders: 1 incident · 7 errors' }).first();
    await item.waitFor({ timeout: 30_000 });
    await item.locator('.codicon-warning').waitFor({ timeout: 5_000 });
    await item.hover();
    await page.locator('.workbench-hover, .monaco-hover, .hover-contents', { hasText: 'alerts-down' }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(env.shots, 'status-warning.png') });
    await page.mouse.move(10, 10);
  }));

test('the sidebar: incidents of the file service first with their runbook, the failing source with its reason', async () =>
  withFailureShot(page, env.shots, 'sidebar', async () => {
    await openOpsLensContainer(page);
    for (const name of ['Incidents', 'Errors', 'Sources']) await viewHeader(page, name).waitFor({ timeout: 10_000 });
    const pane = (name) => page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: name }) });
    const incidents = pane('Incidents').locator('.monaco-list-row');
    await incidents.filter({ hasText: 'Orders error rate above 5%' }).first().waitFor({ timeout: 30_000 });
    assert.match(await incidents.first().innerText(), /^orders/, 'the current file service comes first');
    await pane('Incidents').locator('.monaco-list-row', { hasText: 'Orders errors' }).first().waitFor({ timeout: 10_000 });
    await pane('Sources').locator('.monaco-list-row', { hasText: /alerts-down.*(failing|stale).*connection refused/ }).first().waitFor({ timeout: 30_000 });
    await pane('Errors').locator('.monaco-list-row', { hasText: 'TypeError' }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(env.shots, 'sidebar.png') });
  }));

test('Show Health explains the unplaced frames and its quick fix writes the pathMapping into .opslens.yaml', async () =>
  withFailureShot(page, env.shots, 'health', async () => {
    await runCommand(page, 'OpsLens: Show Health');
    await page.locator('.monaco-editor .view-line', { hasText: 'Suggested path mappings' }).first().waitFor({ timeout: 15_000 });
    // The offer is a notification: as a toast when the workbench shows one, always in the notification centre.
    const offer = page.locator('.notification-toast, .notifications-center .monaco-list-row', { hasText: 'matched no single file' }).first();
    if (!(await offer.isVisible())) await runCommand(page, 'Notifications: Show Notifications');
    await offer.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(env.shots, 'health-quick-fix.png') });
    await offer.locator('.monaco-button', { hasText: 'Add pathMapping' }).click();
    const { value } = await waitForFileContent(env.workspace, (name) => name === '.opslens.yaml', (text) => (text.includes('{ from: /srv/app/, to: services/orders/ }') ? text : undefined));
    assert.match(value, /# service.name in the log lines/, 'comments kept');
  }));
