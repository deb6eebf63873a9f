import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fingerprint } from '../../../../src/core/aggregate/fingerprint';

/** The definition: 64-bit FNV-1a words printed with toString(16), as fingerprints were first built. */
function reference(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

void test('fingerprints are stable: the values groups were keyed by before stay the same', () => {
  assert.equal(fingerprint(), '811c9dc501000193');
  assert.equal(fingerprint('error', '', 'TypeError', 'src/a.ts:run'), '64a469e7a70a422d');
  assert.equal(fingerprint('log', 'src/mod1.ts', '23'), '7956179e0acc932d');
});

void test('the hex digits match the definition for any parts, leading zeros included', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 6 }), (parts) => {
      const printed = fingerprint(...parts);
      assert.equal(printed, reference(...parts));
      assert.match(printed, /^[0-9a-f]{16}$/);
    }),
  );
});
