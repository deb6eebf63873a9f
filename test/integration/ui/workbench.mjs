// What a user does in the workbench, as Playwright steps that wait for elements (never for time).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Environment the test run passes in (see test/integration/run.mjs). */
export function uiEnv() {
  const need = (name) => process.env[name] ?? assertNever(`${name} is not set: run the UI tests through test/integration/run.mjs`);
  return { harnessRoot: need('OPSLENS_E2E_ROOT'), url: need('OPSLENS_WORKBENCH_URL'), workspace: need('OPSLENS_WORKSPACE'), shots: need('OPSLENS_SHOTS') };
}

function assertNever(message) {
  throw new Error(message);
}

/** The workspace's hottest error, as `opslens scan --format json` reports it at test time. */
export function hottestError(workspace) {
  const out = execFileSync(process.execPath, [`${repoRoot}bin/opslens.js`, 'scan', workspace, '--format', 'json'], { encoding: 'utf8' });
  const errors = JSON.parse(out).filter((a) => a.kind === 'error').sort((a, b) => b.count - a.count);
  if (!errors[0]) throw new Error(`opslens scan found no error annotation in ${workspace}`);
  const colon = errors[0].title.indexOf(': ');
  return { ...errors[0], message: colon === -1 ? errors[0].title : errors[0].title.slice(colon + 2) };
}

export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
}

/** The OpsLens status bar item switches from "OpsLens" to "N incidents · M errors" when the server has data. */
export async function waitForOpsLensData(page) {
  await page.locator('.statusbar-item', { hasText: /\d+ errors?/ }).first().waitFor({ timeout: 60_000 });
}

/** Quick Open (Ctrl+P), then Go to Line (Ctrl+G). Clicking the Explorer icon could hide the side bar instead. */
export async function openFileAtLine(page, file, line) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file.split('/').pop() }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+G');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .line-numbers', { hasText: new RegExp(`^${line}$`) }).first().waitFor({ timeout: 10_000 });
}

/** Screen coordinates of the first non-blank character on editor line `line` (1-based). */
async function pointOnLine(page, line) {
  return page.evaluate((wanted) => {
    const editor = document.querySelector('.monaco-editor.focused') ?? document.querySelector('.monaco-editor');
    const number = [...editor.querySelectorAll('.line-numbers')].find((el) => el.textContent.trim() === String(wanted));
    if (!number) return undefined;
    const top = number.getBoundingClientRect().top;
    const row = [...editor.querySelectorAll('.view-line')].find((el) => Math.abs(el.getBoundingClientRect().top - top) < 2);
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const offset = node.textContent.search(/\S/);
      if (offset === -1) continue;
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return undefined;
  }, line);
}

/**
 * Hovers line `line` and resolves with the Markdown part of the hover that contains `text` (the
 * same widget also shows the Problems entry for the line, which must not satisfy the check).
 */
export async function hoverLine(page, line, text) {
  const part = page.locator('.monaco-hover .markdown-hover', { hasText: text });
  for (let attempt = 0; attempt < 4 && !(await part.isVisible()); attempt++) {
    // Measured again on every attempt: code lenses and line-end text arrive after the file opens
    // and move the line. Moving away and back also re-requests a hover a focus change cancelled.
    const point = await pointOnLine(page, line);
    if (!point) throw new Error(`line ${line} is not rendered`);
    await page.mouse.move(point.x + 300, point.y + 300);
    await page.mouse.move(point.x, point.y);
    await part.waitFor({ timeout: 15_000 }).catch(() => undefined);
  }
  await part.waitFor({ timeout: 1_000 });
  // Other providers (TypeScript's) may still be "Loading…"; wait for them so the screenshot is whole.
  await page.locator('.monaco-hover', { hasText: /Loading(…|\.\.\.)/ }).waitFor({ state: 'detached', timeout: 30_000 });
  return part;
}

/** Opens the OpsLens container from the activity bar (the link, not its badge, carries the label). */
export async function openOpsLensContainer(page) {
  const icon = page.locator('.activitybar a.action-label[aria-label^="OpsLens"]');
  await icon.waitFor({ timeout: 60_000 });
  const sidebar = page.locator('.part.sidebar .composite.title', { hasText: 'OpsLens' });
  if (!(await sidebar.isVisible())) await icon.click();
  await sidebar.waitFor({ timeout: 10_000 });
}

/** The header of one view in the side bar. */
export function viewHeader(page, name) {
  return page.locator('.part.sidebar .pane-header', { hasText: name });
}

/** A row of the Errors view. */
export function errorsRow(page, text) {
  const pane = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: 'Errors' }) });
  return pane.locator('.monaco-list-row', { hasText: text });
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/**
 * VS Code's own activation time (ms), from Developer: Show Running Extensions. `extensionName` is a
 * case-insensitive part of the row's text (the display name; a development extension shows its id).
 */
export async function activationTimeShownByVsCode(page, extensionName) {
  await runCommand(page, 'Developer: Show Running Extensions');
  const list = page.locator('.runtime-extensions-editor .monaco-list');
  const rows = list.locator('.monaco-list-row');
  await rows.first().waitFor({ timeout: 20_000 });
  // The list is virtual and sorted by activation time, slowest first: a fast extension's row is only
  // in the DOM once scrolled to.
  const row = rows.filter({ hasText: extensionName });
  await list.hover();
  for (let i = 0; i < 30 && !(await row.isVisible()); i++) await page.mouse.wheel(0, 200);
  await row.locator('text=/Activation: \\d+ms/').waitFor({ timeout: 20_000 });
  const match = /Activation: (\d+)ms/.exec(await row.innerText());
  return Number(match[1]);
}
