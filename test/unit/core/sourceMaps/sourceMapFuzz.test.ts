import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { FrameResolver } from '../../../../src/core/mapping/frameResolver';
import { SourceMapStore } from '../../../../src/core/sourceMaps/sourceMapStore';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';

// Mutations of real tsc and esbuild maps (test/fixtures/sourceMaps): a broken map must
// never throw out of a lookup; the caller then keeps the JavaScript location.
const ws = path.resolve('test/fixtures/sourceMaps/ws');
const realMaps = ['lib/pay.js.map', 'lib/main.js.map', 'bundle/app.js.map'].map((f) => readFileSync(path.join(ws, f), 'utf8'));

/** One random edit of the text: a character replaced, a slice deleted or duplicated. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: fc.constantFrom(...'";,{}[]:0123456789ABCabc+/=-\\ \n\u0000') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

interface Edit {
  kind: 'replace' | 'delete' | 'duplicate';
  at: number;
  char?: string;
  length?: number;
}

function mutate(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % Math.max(1, out.length);
    if (e.kind === 'replace') out = out.slice(0, at) + e.char! + out.slice(at + 1);
    else if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length!);
    else out = out.slice(0, at) + out.slice(at, at + e.length!) + out.slice(at);
  }
  return out;
}

void test('mutated real maps never make a lookup throw', () => {
  fc.assert(
    fc.property(fc.constantFrom(...realMaps), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.integer({ min: -5, max: 200 }), fc.option(fc.integer({ min: -5, max: 500 })), (map, edits, line, column) => {
      const files: Record<string, string> = { 'x.js': 'code\n//# sourceMappingURL=x.js.map\n', 'x.js.map': mutate(map, edits) };
      const store = new SourceMapStore(ws, { readFile: (f) => files[f] });
      const position = store.originalPosition('x.js', line, column ?? undefined);
      if (position) assert.ok(position.line >= 1 && position.column >= 1);
    }),
    { numRuns: 300 },
  );
});

void test('random printed frames never make the resolver throw', () => {
  const index = new FileIndex(['src/pay.ts', 'src/main.ts', 'lib/pay.js', 'lib/main.js', 'a/b/c.py', 'com/acme/Pay.java']);
  const resolver = new FrameResolver(index, [{ name: 's', root: '', pathMappings: [{ from: '/app/', to: '' }], runbooks: [] }], new SourceMapStore(ws));
  const segment = fc.constantFrom('app', 'lib', 'src', 'pay.js', 'main.js', 'pay.ts', '..', '.', '', 'node_modules', 'C:', 'file:', 'webpack:', '%zz', '?x=1');
  const printed = fc.oneof(fc.array(segment, { maxLength: 8 }).map((s) => s.join('/')), fc.string({ maxLength: 80 }));
  fc.assert(
    fc.property(printed, fc.integer({ min: -3, max: 100 }), fc.option(fc.integer({ min: -3, max: 100 })), fc.option(fc.constantFrom('s', 'other')), (file, line, column, service) => {
      const frame = column === null ? { file, line } : { file, line, column };
      const r = resolver.resolve(frame, service ?? undefined);
      assert.ok(['resolved', 'dependency', 'unmatched', 'ambiguous'].includes(r.kind));
    }),
    { numRuns: 1000 },
  );
});
