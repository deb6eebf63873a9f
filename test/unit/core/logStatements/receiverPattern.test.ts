import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReceiverPattern } from '../../../../src/core/logStatements/receiverPattern';

void test('receiver words count at the start of a word, in any case', () => {
  const p = new ReceiverPattern();
  for (const name of ['log', 'logger', 'LOG', 'LOGGER', '_logger', '$logger', 'myLogger', 'getLogger', 'logging', 'logrus', 'slog', 'console', 'sugar', 'zap', 'requestLog']) assert.ok(p.matches(name), name);
  for (const name of ['prologue', 'dialog', 'catalog', 'blog', 'analogue', 'consoled'.slice(0, 3)]) assert.equal(p.matches(name), false, name);
});

void test('configured words replace the defaults, and give the pre-filter its spellings', () => {
  const p = new ReceiverPattern(['audit']);
  assert.ok(p.matches('auditTrail'));
  assert.equal(p.matches('logger'), false);
  assert.deepEqual(p.needles().sort(), ['AUDIT', 'Audit', 'audit']);
});
