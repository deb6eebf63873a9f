/**
 * Property: whatever the order of writes (cut at any byte, also inside a UTF-8
 * character), polls, rotations (rename + create) and truncations right after a
 * poll, the file source delivers every complete line exactly once, in order. Not
 * covered, as no tail can: a file created and rotated away between two polls.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { FileSource } from '../../../src/sources/fileSource';

type Step = { op: 'write'; lines: number; cuts: number[] } | { op: 'poll' } | { op: 'rotate' } | { op: 'truncate' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('write' as const), lines: fc.integer({ min: 0, max: 4 }), cuts: fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 4 }) }) },
  { weight: 3, arbitrary: fc.constant({ op: 'poll' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'rotate' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'truncate' as const }) },
);

void test('every complete line is delivered exactly once, in order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'opslens-prop-'));
      const file = path.join(dir, 'app.log');
      const source = new FileSource({ name: 'app', path: 'app.log', root: dir });
      const written: string[] = [];
      const delivered: string[] = [];
      let pending = Buffer.alloc(0);
      let rotations = 0;
      // A file rotated away before any poll saw it is lost to every tail (tail -F too): the model rotates only seen files.
      let seen = true;
      const poll = async (): Promise<void> => {
        seen = true;
        for (const e of (await source.poll({ since: 0, until: Number.MAX_SAFE_INTEGER })).events) delivered.push(e.message);
      };
      try {
        writeFileSync(file, '');
        await poll(); // following from the start, as the editor does; a file rotated away before it is ever seen is lost to any tail
        for (const s of steps) {
          if (s.op === 'write') {
            for (let i = 0; i < s.lines; i++) {
              const msg = `line ${written.length} é☕ ${'x'.repeat(written.length % 7)}`;
              written.push(msg);
              pending = Buffer.concat([pending, Buffer.from(`${JSON.stringify({ level: 30, time: 1_700_000_000_000, msg })}\n`)]);
            }
            // Write what is pending in pieces cut at arbitrary bytes; keep the tail for a later write.
            for (const cut of s.cuts) {
              const n = Math.min(cut, pending.length);
              appendFileSync(file, pending.subarray(0, n));
              pending = pending.subarray(n);
            }
          } else if (s.op === 'poll') {
            await poll();
          } else if (s.op === 'rotate') {
            if (pending.length > 0 || !seen) continue; // a writer reopens its log between lines, not inside one
            renameSync(file, path.join(dir, `app.log.${++rotations}`));
            writeFileSync(file, '');
            seen = false;
          } else {
            // copytruncate right after a poll that read everything complete
            if (pending.length > 0) continue;
            await poll();
            truncateSync(file, 0);
          }
        }
        appendFileSync(file, pending);
        await poll();
        assert.deepEqual(delivered, written);
      } finally {
        source.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60 },
  );
});

void test('with a glob matching the rotated names too, lines written to a rotated file are read once and nothing is read twice', async () => {
  type RotStep = { op: 'write'; toOld: boolean; lines: number } | { op: 'poll' } | { op: 'rotate' };
  const rotStep: fc.Arbitrary<RotStep> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('write' as const), toOld: fc.boolean(), lines: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 3, arbitrary: fc.constant({ op: 'poll' as const }) },
    { weight: 2, arbitrary: fc.constant({ op: 'rotate' as const }) },
  );
  await fc.assert(
    fc.asyncProperty(fc.array(rotStep, { minLength: 1, maxLength: 25 }), async (steps) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'opslens-prop-'));
      const file = path.join(dir, 'app.log');
      const source = new FileSource({ name: 'app', path: 'app.log*', root: dir });
      const written: string[] = [];
      const delivered: string[] = [];
      let rotations = 0;
      const poll = async (): Promise<void> => {
        for (const e of (await source.poll({ since: 0, until: Number.MAX_SAFE_INTEGER })).events) delivered.push(e.message);
      };
      try {
        writeFileSync(file, '');
        await poll();
        for (const s of steps) {
          if (s.op === 'poll') await poll();
          else if (s.op === 'rotate') {
            // logrotate without copytruncate: rename, then the writer reopens a new file
            renameSync(file, path.join(dir, `app.log.${++rotations}`));
            writeFileSync(file, '');
          } else {
            // Until it reopens, a writer may still append to the file it holds: the last rotated one.
            const target = s.toOld && rotations > 0 ? path.join(dir, `app.log.${rotations}`) : file;
            for (let i = 0; i < s.lines; i++) {
              const msg = `line ${written.length}`;
              written.push(msg);
              appendFileSync(target, `${JSON.stringify({ level: 30, time: 1_700_000_000_000, msg })}\n`);
            }
          }
        }
        await poll();
        assert.deepEqual([...delivered].sort(), [...written].sort());
      } finally {
        source.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60 },
  );
});
