/**
 * SECURITY.md names, for each defence, the test that fails without it (`file` › *name*). A
 * renamed or deleted test would leave the table pointing at nothing: every file it names must
 * exist and every *name* (`…` elides part of it) must be the start, middle or end of a test
 * declared in that file.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.join(__dirname, '..', '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(full) : e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The names a file gives its tests: `test('…'` and `test(\`…\`` (a template's `${…}` matches anything). */
function declaredNames(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\btest\(\s*(['`"])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]!.replace(/\\(.)/g, '$1'));
}

/** Whether the fragments between `…` occur in `name` in order (`${…}` in a declared name matches any text). */
function matches(name: string, pattern: string): boolean {
  const fragments = pattern.split('…').map((f) => f.trim()).filter((f) => f !== '');
  const parts = name.split(/\$\{[^}]*\}/);
  if (parts.length > 1) return fragments.length > 0 && fragments.every((f) => parts.some((p) => p.includes(f) || f.includes(p.trim())));
  let at = 0;
  for (const f of fragments) {
    const i = name.indexOf(f, at);
    if (i < 0) return false;
    at = i + f.length;
  }
  return true;
}

/** The test column of the attacks table, one cell per row. */
function testCells(doc: string): string[] {
  return doc
    .split('\n')
    .filter((line) => line.startsWith('| ') && line.split(' | ').length === 3 && !line.startsWith('| attack') && !line.startsWith('| ---'))
    .map((line) => line.split(' | ')[2]!.replace(/ \|$/, ''));
}

void test('every test SECURITY.md names for a defence exists under that name', () => {
  const doc = readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');
  const all = [...testFiles(path.join(ROOT, 'test', 'unit')), ...(existsSync(path.join(ROOT, 'test', 'integration')) ? testFiles(path.join(ROOT, 'test', 'integration')) : [])];
  const cells = testCells(doc);
  assert.ok(cells.length > 15, `found ${cells.length} rows: the table was not read`);
  const problems: string[] = [];
  let named = 0;
  for (const cell of cells) {
    let inRow: string[] = [];
    for (const entry of cell.split(';')) {
      const fileMatch = /`([^`]+\.test\.ts)`/.exec(entry);
      let file: string | undefined;
      if (fileMatch) {
        const given = fileMatch[1]!;
        const candidates = given.includes('/') ? [path.join(ROOT, given)].filter(existsSync) : [...inRow.filter((f) => f.endsWith(`/${given}`)), ...all.filter((f) => f.endsWith(`/${given}`))];
        file = candidates[0];
        if (!file || (!given.includes('/') && new Set(candidates).size > 1 && !inRow.some((f) => f.endsWith(`/${given}`)))) {
          problems.push(`${given}: ${file ? 'ambiguous' : 'no such test file'}`);
          continue;
        }
        inRow = [...inRow, file];
      }
      const arrow = entry.indexOf('›');
      if (!file || arrow < 0) continue;
      const names = declaredNames(file);
      for (const m of entry.slice(arrow).matchAll(/\*([^*]+)\*/g)) {
        named++;
        if (!names.some((n) => matches(n, m[1]!))) problems.push(`${path.relative(ROOT, file)} › ${m[1]}`);
      }
    }
  }
  assert.ok(named > 20, `only ${named} test names found`);
  assert.deepEqual(problems, []);
});
