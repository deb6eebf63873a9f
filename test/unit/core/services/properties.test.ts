/**
 * Random and mutated input to the services, runbooks and report parsers: no
 * exception escapes, and the results keep their invariants.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseChangedLines } from '../../../../src/core/report/changedLines';
import { escapeSarifText } from '../../../../src/core/report/sarif';
import { normaliseRunbookUrl } from '../../../../src/core/runbooks/runbook';
import { sameErrorType } from '../../../../src/core/runbooks/runbookIndex';
import { parseRunbookMarkdown } from '../../../../src/core/runbooks/runbookMarkdown';
import { parseCatalogInfo } from '../../../../src/core/services/catalogInfo';

const fixtures = path.join(__dirname, '../../../fixtures/services/monorepo');
const catalogText = readFileSync(path.join(fixtures, 'services/checkout/catalog-info.yaml'), 'utf8');
const runbookText = readFileSync(path.join(fixtures, 'docs/runbooks/payments-5xx.md'), 'utf8');

/** The text with a random slice cut out and random characters spliced in. */
const mutated = (text: string) =>
  fc.tuple(fc.nat(text.length), fc.nat(40), fc.string({ maxLength: 20, unit: 'binary' })).map(([at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut));

void test('catalog files: random and mutated YAML never throws', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), mutated(catalogText)), (text) => {
      const { components, problems } = parseCatalogInfo(text);
      for (const c of components) assert.equal(typeof c.name, 'string');
      for (const p of problems) assert.ok(p.line >= 1);
    }),
    { numRuns: 300 },
  );
});

void test('runbook Markdown: random and mutated front matter never throws and always has a title', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), mutated(runbookText)), (text) => {
      const { runbook } = parseRunbookMarkdown(text, 'docs/runbooks/x.md');
      assert.ok(runbook.title.length > 0);
      for (const list of [runbook.alerts, runbook.errors, runbook.services]) for (const v of list) assert.equal(typeof v, 'string');
    }),
    { numRuns: 300 },
  );
});

void test('runbook URLs: whatever the input, the result is an http(s) URL or a path inside the repository', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.webUrl(), fc.array(fc.constantFrom('..', '.', 'a', '', 'b\\c', 'javascript:x'), { maxLength: 8 }).map((s) => s.join('/'))), (raw) => {
      const url = normaliseRunbookUrl(raw);
      if (url === undefined) return;
      if (/^https?:/i.test(url)) return;
      assert.ok(!url.startsWith('/') && !url.split('/').includes('..') && !/^[a-z][a-z0-9+.-]*:/i.test(url), url);
    }),
  );
});

void test('SARIF text: no raw bracket, no control character, bounded length', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
      const out = escapeSarifText(text);
      assert.ok(out.length <= 1001 * 2);
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(out));
      // every [ or ] is preceded by an odd run of backslashes
      for (let i = 0; i < out.length; i++) {
        if (out[i] !== '[' && out[i] !== ']') continue;
        let slashes = 0;
        while (i - 1 - slashes >= 0 && out[i - 1 - slashes] === '\\') slashes++;
        assert.equal(slashes % 2, 1);
      }
    }),
  );
});

void test('diff text: random lines and hunk headers never throw; a 1 MB line is read through', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('+++ b/x.ts', '+++ "b/a\\tb"', '+++ /dev/null', '@@ -1 +1 @@', '@@ -0,0 +1,3 @@', '@@ -5,2 +4,0 @@')), { maxLength: 30 }), (lines) => {
      parseChangedLines(lines.join('\n'));
    }),
  );
  const huge = `+++ b/x.ts\n@@ -1 +1,2 @@ ${'@'.repeat(1_000_000)}\n@@ -${'9'.repeat(500_000)}`;
  assert.equal(parseChangedLines(huge).has('x.ts', 2), true);
});

void test('error type matching is symmetric', () => {
  const name = fc.array(fc.constantFrom('a', 'B', '.', '::', '$', 'Err'), { maxLength: 6 }).map((p) => p.join(''));
  fc.assert(fc.property(name, name, (a, b) => assert.equal(sameErrorType(a, b), sameErrorType(b, a))));
});
