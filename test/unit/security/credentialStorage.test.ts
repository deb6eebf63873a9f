/**
 * Tokens live only in SecretStorage ("OpsLens: Set Credential…") or environment variables:
 * no setting OpsLens contributes can hold one, so none is written to settings.json (which is
 * synced and often committed).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const SECRET_WORDS = /token|password|secret|apikey|api_key|credential|auth/i;

void test('no contributed setting can hold a secret', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes?: { configuration?: unknown } };
  const sections = ([] as { properties?: Record<string, unknown> }[]).concat((pkg.contributes?.configuration ?? []) as never);
  const keys = sections.flatMap((s) => Object.keys(s.properties ?? {}));
  assert.ok(keys.length > 0, 'the settings were found');
  assert.deepEqual(keys.filter((k) => SECRET_WORDS.test(k)), []);
});
