/**
 * No regex in src/ can backtrack catastrophically: every regular expression literal and
 * `new RegExp('…')` (found with the TypeScript parser) must pass safe-regex2's star-height
 * check, or be listed in regexAllowList.json with the reason it is safe. A regex built from
 * a non-literal pattern must be listed too. A new unsafe regex fails here.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import safeRegex from 'safe-regex2';
import { nonTypeScriptSources, sourceRegexes } from '../../support/sourceRegexes';

const ROOT = path.join(__dirname, '..', '..', '..');
const allowed = JSON.parse(readFileSync(path.join(__dirname, 'regexAllowList.json'), 'utf8')) as Record<string, string>;

void test('every regex in src/ is safe (star height 1) or allow-listed with a reason', () => {
  const regexes = sourceRegexes(ROOT);
  assert.ok(regexes.length > 20, `found only ${regexes.length} regexes: the scan is broken`);
  const unsafe = regexes.filter((r) => {
    const key = `${r.file} ${r.source}`;
    if (allowed[key]) return false;
    return r.source === '<dynamic>' || !safeRegex(new RegExp(r.source, r.flags));
  });
  assert.deepEqual(unsafe.map((r) => `${r.file}:${r.line} /${r.source}/`), []);
});

void test('the checker rejects a nested quantifier, so the test above can fail', () => {
  assert.equal(safeRegex(/^(a+)+$/), false);
  assert.equal(safeRegex(/(\s*\w+)*:/), false);
});

void test('the allow-list names only regexes that still exist', () => {
  const present = new Set(sourceRegexes(ROOT).map((r) => `${r.file} ${r.source}`));
  const stale = Object.keys(allowed).filter((k) => k !== '//' && !present.has(k));
  assert.deepEqual(stale, []);
});

void test('the scan reads every file under src/ and every way of writing a regex', () => {
  assert.deepEqual(nonTypeScriptSources(ROOT), [], 'src/ holds only .ts files, which the scan parses');
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-regex-scan-'));
  try {
    mkdirSync(path.join(dir, 'src', 'deep', 'er'), { recursive: true });
    const forms = ["/a+$/.test(t);", "new RegExp('b+$', 'i');", "RegExp('c+$');", "t.match('d+$');", "t.search(`e+$`);", "[...t.matchAll('f+$')];", "new RegExp(pattern);", "t.match(`${x}+$`);", "index.match(t);"];
    writeFileSync(path.join(dir, 'src', 'deep', 'er', 'forms.ts'), forms.map((f) => `${f}\n`).join(''));
    const found = sourceRegexes(dir).map((r) => `${r.file}:${r.line} ${r.source} ${r.flags}`);
    assert.deepEqual(found, ['a+$ ', 'b+$ i', 'c+$ ', 'd+$ ', 'e+$ ', 'f+$ ', '<dynamic> ', '<dynamic> '].map((r, i) => `src/deep/er/forms.ts:${i + 1} ${r}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
