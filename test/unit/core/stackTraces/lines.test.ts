import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines } from '../../../../src/core/stackTraces/lines';

/** The definition: a line ends at \n, \r\n or \r; a last line without an end counts, an empty one does not. */
function reference(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      lines.push(current);
      current = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else current += c;
  }
  if (current !== '') lines.push(current);
  return lines;
}

void test('lines end at \\n, \\r\\n or \\r', () => {
  assert.deepEqual(splitLines('a\nb\r\nc\rd'), ['a', 'b', 'c', 'd']);
  assert.deepEqual(splitLines('a\n\nb\n'), ['a', '', 'b']);
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('\n'), ['']);
});

void test('text with and without carriage returns splits as the definition says', () => {
  const piece = fc.constantFrom('\n', '\r', '\r\n', 'a', 'at x (f.js:1:2)', ' ');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(splitLines(text), reference(text));
    }),
  );
});
