import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Level } from '../../../../src/core/events';
import { templateText } from '../../../../src/core/logStatements/logStatement';
import { LogStatementIndex } from '../../../../src/core/logStatements/statementIndex';
import { ACCURACY_FIXTURES, fixtureLanguages, measureAccuracy } from '../../../support/statementAccuracy';

const SAMPLES = path.join(ACCURACY_FIXTURES, '..', 'logStatementSamples');

interface ExpectedStatement {
  at: string;
  level: Level | null;
  method: string;
  templates: string[];
}

async function indexOf(dir: string): Promise<LogStatementIndex> {
  const index = new LogStatementIndex(dir, { cacheFile: false });
  await index.build();
  return index;
}

// Each language's program, with real log output of its libraries (scripts/fixtures/generateLogStatementFixtures.sh).
for (const language of fixtureLanguages()) {
  void test(`${language}: the statements found in the program, with level and templates`, async () => {
    const index = await indexOf(path.join(ACCURACY_FIXTURES, language, 'app'));
    const expected = JSON.parse(readFileSync(path.join(ACCURACY_FIXTURES, language, 'statements.expected.json'), 'utf8')) as ExpectedStatement[];
    const actual = index
      .statements()
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
      .map((s) => ({ at: `${s.file}:${s.line}`, level: s.level ?? null, method: s.method, templates: s.templates.map(templateText) }));
    assert.deepEqual(actual, expected);
  });

  void test(`${language}: real log lines land on the call that wrote them (precision and recall ≥ 0.98)`, async () => {
    const accuracy = await measureAccuracy(language);
    assert.ok(accuracy.records > 20, 'the fixture holds real output');
    assert.ok(accuracy.precision >= 0.98, `precision ${accuracy.precision}: ${JSON.stringify(accuracy.misses.slice(0, 3))}`);
    assert.ok(accuracy.recall >= 0.98, `recall ${accuracy.recall}: ${JSON.stringify(accuracy.misses.slice(0, 3))}`);
  });
}

// Languages or APIs this machine cannot run: messages rendered by hand from the documented rules.
for (const sample of ['csharp', 'goslog', 'typescript']) {
  void test(`${sample} sample: documented messages match their calls`, async () => {
    const dir = path.join(SAMPLES, sample);
    const index = await indexOf(dir);
    const messages = JSON.parse(readFileSync(path.join(dir, 'messages.json'), 'utf8')) as { message: string; line: number; level: Level }[];
    assert.equal(index.statements().length, messages.length, 'no call in a comment or string counts');
    for (const m of messages) {
      const outcome = index.match(m.message, { level: m.level });
      assert.equal(outcome.kind, 'matched', m.message);
      assert.equal(outcome.kind === 'matched' && outcome.statement.line, m.line, m.message);
      assert.equal(outcome.kind === 'matched' && outcome.statement.level, m.level, m.message);
    }
  });
}

void test('receivers are recognised by configurable words, not exact names', async () => {
  const index = new LogStatementIndex(path.join(SAMPLES, 'typescript'), { cacheFile: false, receivers: ['audit'] });
  await index.build();
  assert.equal(index.statements().length, 0);
});
