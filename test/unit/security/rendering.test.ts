/**
 * Every place that shows production text (log lines, exception messages, backend fields)
 * shows it as text. The same hostile strings go through each renderer: a Markdown link to a
 * `command:` URI, raw HTML, a `javascript:` link, an ANSI escape, bidi overrides, NUL bytes
 * and a 1 MB message. What is asserted is what the user would see: no live link or tag, no
 * control character, a bounded length.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Group } from '../../../src/core/aggregate/groups';
import type { Annotation } from '../../../src/core/annotations';
import { renderAgentAnswer } from '../../../src/core/agentTools/untrustedPayload';
import { buildSarif } from '../../../src/core/report/sarif';
import { formatText } from '../../../src/cli/scan';
import { buildDiagnostics } from '../../../src/server/diagnostics';
import { lineAnnotations } from '../../../src/server/editorAnnotations';
import { renderHealthReport } from '../../../src/server/healthReport';
import { renderHover } from '../../../src/server/hoverContent';
import { notificationText } from '../../../src/extension/notificationText';
import { DEFAULT_SETTINGS } from '../../../src/settings';

const HOSTILE = {
  commandLink: '[click me](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  html: '<img src=x onerror=alert(1)><a href="https://evil.example">x</a>',
  javascript: '[open](javascript:alert(document.cookie))',
  autolink: '<javascript:alert(1)>',
  ansi: '\u001b[2J\u001b[31mred\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  bidi: 'access \u202egnp.exe\u202c \u2066x\u2069 \u200f',
  nul: 'before\u0000after\u0000',
  themeIcon: '$(trash) $(alert)',
  codeSpanBreak: '`` ` [x](command:workbench.action.terminal.new) ` ``',
};
const MEGABYTE = `${'A'.repeat(1 << 20)}[tail](command:x)`;
const ALL = [...Object.values(HOSTILE), MEGABYTE];

/** No control character (C0 except tab/newline, DEL, C1) and no bidi override or isolate survives. */
function assertNoControls(text: string, where: string, allowNewlines = false): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const bad = (c < 32 && c !== 9 && !(allowNewlines && c === 10)) || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f;
    assert.ok(!bad, `${where}: control character U+${c.toString(16)} at ${i}`);
  }
}

/** The Markdown with its code spans removed: inside one, nothing is a link, a tag or an icon. */
function outsideCodeSpans(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] !== '`') {
      out += md[i++];
      continue;
    }
    let run = 0;
    while (md[i + run] === '`') run++;
    const fence = '`'.repeat(run);
    let close = md.indexOf(fence, i + run);
    while (close >= 0 && md[close + run] === '`') close = md.indexOf(fence, close + run + 1);
    if (close < 0) {
      out += fence;
      i += run;
    } else i = close + run;
  }
  return out;
}

/** Markdown that links nowhere but our own command allow-list, with no HTML, no javascript: and no production theme icon. */
function assertInertMarkdown(full: string, where: string): void {
  const md = outsideCodeSpans(full);
  const links = [...md.matchAll(/\]\(([a-z]+:[^)\s]*)/gi)].map((m) => m[1]!);
  for (const target of links) assert.match(target, /^(command:opslens\.|https:\/\/sentry\.example\.com\/)/, `${where}: live link ${target.slice(0, 80)}`);
  assert.ok(!/<[a-z!/]/i.test(md), `${where}: raw HTML`);
  assert.ok(!/\]\(javascript:/i.test(md), `${where}: javascript link`);
  assert.ok(!md.includes('$(trash)'), `${where}: a theme icon drawn from production text`);
  assertNoControls(full, where, true);
}

function group(message: string, over: Partial<Group> = {}): Group {
  return {
    fingerprint: 'fp1', kind: 'error', type: 'TypeError', message, location: { file: 'src/a.ts', line: 10 }, count: 3, firstSeen: 0, lastSeen: 1000,
    hourly: [1, 2], releases: [message.slice(0, 50)], levelCounts: { error: 3 }, samples: [{ timestamp: 0, message }], calledFrom: [], causedBy: [{ type: message.slice(0, 40), message }],
    source: 'sentry', link: 'https://sentry.example.com/issues/1', changedSince: false, service: message.slice(0, 60), ...over,
  };
}

function annotation(text: string): Annotation {
  return { file: 'src/a.ts', line: 3, kind: 'error', service: text.slice(0, 60), title: text, count: 2, firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z', fingerprint: 'fp', runbooks: [{ title: text.slice(0, 30), url: 'docs/runbooks/a.md' }], changedSince: false };
}

void test('hover Markdown: hostile messages, types, causes, samples and releases render inert and bounded', () => {
  for (const text of ALL) {
    for (const g of [group(text), group(text, { kind: 'log', type: undefined }), group('ok', { type: text })]) {
      const md = renderHover([g], { now: 2000, fileUri: (rel) => `file:///ws/${rel}` });
      assertInertMarkdown(md, `hover of ${JSON.stringify(text.slice(0, 30))}`);
      assert.ok(md.length < 20_000, `hover is ${md.length} chars`);
    }
  }
  const md = renderHover([group(HOSTILE.commandLink)], { now: 2000, fileUri: (rel) => `file:///ws/${rel}` });
  assert.ok(md.includes('click me'), 'the text itself is still shown');
});

void test('a backend link that is not http(s), or that tries to close the Markdown link, is not linked as given', () => {
  const md = renderHover([group('x', { link: 'javascript:alert(1)' })], { now: 0, fileUri: (r) => r });
  assert.ok(!md.includes('javascript:alert'), md);
  const closing = renderHover([group('x', { link: 'https://sentry.example.com/a) [x](command:evil' })], { now: 0, fileUri: (r) => r });
  assertInertMarkdown(closing, 'link that closes early');
});

void test('diagnostics and line-end text are single-line plain text without controls, bounded', () => {
  for (const text of ALL) {
    for (const d of buildDiagnostics([group(text)], DEFAULT_SETTINGS, (rel) => `file:///ws/${rel}`)) {
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      assertNoControls(message, 'diagnostic');
      assert.ok(!message.includes('\n'));
      assert.ok(message.length < 2_000, `diagnostic is ${message.length} chars`);
      for (const r of d.relatedInformation ?? []) assertNoControls(r.message, 'related information');
    }
    for (const a of lineAnnotations([group(text), group(text, { fingerprint: 'l', kind: 'log', location: { file: 'src/a.ts', line: 11 } })], DEFAULT_SETTINGS)) {
      assertNoControls(a.text, 'line-end text');
      assert.ok(a.text.length < 400, `line-end text is ${a.text.length} chars`);
    }
  }
});

void test('health report: backend error reasons, unmatched frame paths and suggestions cannot inject Markdown', () => {
  for (const text of ALL) {
    const report = renderHealthReport(
      [{
        folder: '/ws',
        sources: [{ name: 'sentry', type: 'sentry', state: 'stale', eventsFetched: 1, skipped: 0, lastError: { at: 0, reason: text }, folder: '/ws' }],
        placement: new Map([['sentry', { received: 2, placed: 0, unplaced: { noLocation: 0, ambiguousStatement: 0, unparsedStack: 0, noInAppFrame: 2 }, unmatchedPaths: new Map([[text, 1]]), ambiguousPaths: new Map([[`${text}\n# Injected heading`, 1]]) }]]),
        suggestions: [{ service: text.slice(0, 80), from: text.slice(0, 100), to: 'x`y', frames: 3 }],
      } as never],
      0,
    );
    assertInertMarkdown(report, `health report with ${JSON.stringify(text.slice(0, 30))}`);
    assert.ok(!report.includes('\n# Injected heading'), 'a path cannot start a line');
    assert.ok(report.length < 20_000, `report is ${report.length} chars`);
  }
});

void test('health report: source names, types, notices, origins and folder paths from the workspace or a backend cannot inject Markdown', () => {
  for (const text of ALL) {
    const source = { name: text, type: text, state: 'ok', eventsFetched: 0, skipped: 0, notice: text, origin: text, folder: text };
    const report = renderHealthReport([{ folder: text, sources: [source], placement: undefined, suggestions: [{ service: text, from: text, to: text, frames: 1 }] } as never], 0);
    assertInertMarkdown(report, `health report with ${JSON.stringify(text.slice(0, 30))}`);
    assert.ok(report.length < 20_000, `report is ${report.length} chars`);
    for (const line of report.split('\n')) assert.ok(!/^#+ .*\n/.test(line) && !line.startsWith('# Injected'), 'no line made by the text');
  }
  const plain = renderHealthReport([{ folder: '/home/me/shop', sources: [{ name: 'alerts-down', type: 'alertmanager', state: 'stale', eventsFetched: 0, skipped: 0, origin: 'http://127.0.0.1:9093', folder: '/home/me/shop' }], placement: undefined }], 0);
  assert.match(plain, /^## \/home\/me\/shop$/m, 'ordinary names stay readable');
  assert.match(plain, /^### alerts-down \(alertmanager\): stale$/m);
  assert.match(plain, /^- backend: http:\/\/127\.0\.0\.1:9093$/m);
});

/** What VS Code makes a link of in a notification (vs/base/common/linkedText.ts): command: links run when clicked. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

void test('notifications: a frame path, link parameter or error shown in one makes no link, icon or line break', () => {
  assert.ok(NOTIFICATION_LINK.test(HOSTILE.commandLink), 'the pattern finds the raw link');
  for (const text of ALL) {
    const shown = notificationText(text);
    assert.ok(!new RegExp(NOTIFICATION_LINK.source, 'i').test(shown), `a link survives in ${JSON.stringify(shown.slice(0, 80))}`);
    assert.ok(!shown.includes('$(trash)'), 'no theme icon');
    assertNoControls(shown, 'notification');
    assert.ok(shown.length <= 260, `notification text is ${shown.length} chars`);
  }
  assert.equal(notificationText('/srv/app/'), '/srv/app/', 'an ordinary path is shown as it is');
});

void test('scan text output: no terminal escape, bidi override or newline from production text', () => {
  for (const text of ALL) {
    const out = formatText([annotation(text)]);
    assertNoControls(out, 'scan text');
    assert.ok(!out.includes('\n'));
    assert.ok(out.length <= 2_001, `scan line is ${out.length} chars`);
  }
});

void test('scan SARIF: messages are plain text without controls and bounded; JSON escapes every C0 control', () => {
  for (const text of ALL) {
    const sarif = buildSarif([annotation(text)], { toolVersion: '0.1.0' }) as unknown as { runs: { results: { message: unknown }[] }[] };
    const message = JSON.stringify(sarif.runs[0]!.results[0]!.message);
    assert.ok(!/(^|[^\\])\]\(/.test(message), 'no unescaped link bracket in a SARIF message');
    assertNoControls(JSON.parse(message).text as string, 'SARIF message');
    assert.ok(message.length < 5_000, `SARIF message is ${message.length} chars`);
    assert.ok(!/[\u0000-\u001f]/.test(JSON.stringify(annotation(text))), 'scan --format json escapes controls');
  }
});

void test('agent tool output: production text stays inside one untrusted data block', () => {
  for (const text of ALL) {
    const out = renderAgentAnswer({ summary: 'Errors on src/a.ts.', sources: ['file (file)'], data: [{ message: text }] });
    assertNoControls(out, 'agent answer', true);
    const fences = out.match(/^```/gm) ?? [];
    assert.ok(fences.length <= 2, `the data block is closed once (${fences.length} fences)`);
  }
});
