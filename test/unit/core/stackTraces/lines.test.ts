import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchingOpenParen, splitLines, splitLocation } from '../../../../src/core/stackTraces/lines';

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

/** The definitions, written the plain way (slices and a full scan). */
function digits(text: string): number | undefined {
  return /^[0-9]{1,9}$/.test(text) ? Number(text) : undefined;
}

function referenceLocation(text: string): { file: string; line?: number; column?: number } {
  const last = text.lastIndexOf(':');
  const tail = last > 0 ? digits(text.slice(last + 1)) : undefined;
  if (tail === undefined) return { file: text };
  const prev = text.lastIndexOf(':', last - 1);
  const mid = prev > 0 ? digits(text.slice(prev + 1, last)) : undefined;
  return mid !== undefined ? { file: text.slice(0, prev), line: mid, column: tail } : { file: text.slice(0, last), line: tail };
}

function referenceOpenParen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

void test('frame locations split as their definition says', () => {
  assert.deepEqual(splitLocation('/app/src/a.ts:12:7'), { file: '/app/src/a.ts', line: 12, column: 7 });
  assert.deepEqual(splitLocation('C:\\app\\a.cs:3'), { file: 'C:\\app\\a.cs', line: 3 });
  const piece = fc.constantFrom(':', '1', '42', '1234567890', 'a', '/x', ' ', '');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(splitLocation(text), referenceLocation(text));
    }),
  );
});

void test('the parenthesis opening a frame location is found as by a full scan', () => {
  assert.equal(matchingOpenParen('fn (/app/a.js:1:2)'), 3);
  assert.equal(matchingOpenParen('fn (eval at g (/app/a.js:1:2), <anonymous>:1:1)'), 3);
  const piece = fc.constantFrom('(', ')', 'a', ' ', 'x.js:1:2');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(matchingOpenParen(text), referenceOpenParen(text));
    }),
  );
});
