// Playwright steps for the editor surfaces: the command palette, quick picks, code lenses, the
// status bar and notifications. Each waits for an element, never for time.

/** Runs a command by its palette title ("OpsLens: Open Runbook…"). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await quickPickRow(page, title).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** A row of the open quick pick. */
export function quickPickRow(page, text) {
  return page.locator('.quick-input-widget .monaco-list-row', { hasText: text });
}

/** The editor's "Ln N, Col M" status item says where the cursor (selection end or start) is. */
export async function waitForCursorLine(page, line) {
  await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col`) }).first().waitFor({ timeout: 15_000 });
}

/** The anchors of the OpsLens part of a hover: their href or data-href, and whether any image is inside. */
export async function hoverLinks(hoverPart) {
  return hoverPart.evaluate((el) => ({
    links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''),
    images: el.querySelectorAll('img').length,
    html: el.innerHTML.length,
  }));
}

/** Whether a stylesheet of the page carries `text` in a rule (after-line decorations render as CSS content). */
export function decorationCssContains(page, text) {
  return page.evaluate((wanted) => {
    for (const sheet of document.styleSheets) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch {
        continue;
      }
      for (const rule of rules) if (rule.cssText.includes(wanted)) return true;
    }
    return false;
  }, text);
}

/** Runs a test body; on failure saves `failed-<name>.png` next to the other screenshots, then rethrows. */
export async function withFailureShot(page, shots, name, body) {
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: `${shots}/failed-${name}.png` }).catch(() => undefined);
    throw error;
  }
}
