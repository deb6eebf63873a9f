import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakThemeIcons } from '../../../../src/core/text/themeIcons';

// VS Code's own pattern for theme icons in labels (src/vs/base/common/iconLabels.ts): $(name) or $(name~spin).
const ICON = /\$\([a-z.-]+(?:~[a-z]+)?\)/i;

void test('untrusted text draws no theme icon and keeps its characters', () => {
  for (const hostile of ['$(trash) delete', 'a$(error)b$(sync~spin)', '$$((x)))', 'price $(5)']) {
    const out = breakThemeIcons(hostile);
    assert.doesNotMatch(out, ICON, hostile);
    assert.equal(out.split('\u200b').join(''), hostile);
  }
  assert.equal(breakThemeIcons('no icons here'), 'no icons here');
});
