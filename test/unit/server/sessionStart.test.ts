// A poll asked for while a folder session is still starting (VS Code sends a configuration
// change right after initialize; a log write triggers one too) must not lose log lines to a
// statement index that is not there yet: they could never be matched afterwards. The server
// starts sessions with the index deferred (errors answer the first hover without waiting for
// tree-sitter); the lines that need the index wait for it and land when it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Annotation } from '../../../src/core/annotations';
import { WorkspaceSession } from '../../../src/server/workspaceSession';
import { copyDemo, hottestError, scanAnnotations } from '../../support/demoCopy';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const key = (file: string, line: number, count: number): string => `${file}:${line} ${count}`;

function logGroups(session: WorkspaceSession): string[] {
  return session
    .groups()
    .filter((g) => g.kind === 'log')
    .map((g) => key(g.location.file, g.location.line, g.count))
    .sort();
}

async function demoAndScan(prefix: string): Promise<{ workspace: string; expected: Annotation[] }> {
  const workspace = copyDemo(prefix);
  const expected = await scanAnnotations(workspace);
  assert.ok(expected.some((a) => a.kind === 'log'), 'the demo writes log lines');
  return { workspace, expected };
}

/** Starts the session while asking for a poll at every turn of the event loop. */
async function startWhilePolling(session: WorkspaceSession): Promise<void> {
  let started = false;
  const starting = session.start().then(() => (started = true));
  while (!started) {
    void session.poll();
    await nextTurn();
  }
  await starting;
}

void test('polls during start-up leave log lines for the statement index', async () => {
  const { workspace, expected } = await demoAndScan('opslens-session-start-');
  const session = new WorkspaceSession(workspace, quiet);
  await startWhilePolling(session);
  await session.poll();
  try {
    assert.deepEqual(logGroups(session), expected.filter((a) => a.kind === 'log').map((a) => key(a.file, a.line, a.count)).sort());
  } finally {
    session.dispose();
  }
});

void test('deferred index: errors are placed by the first poll, log lines land on their statements when the index arrives', async () => {
  const { workspace, expected } = await demoAndScan('opslens-session-deferred-');
  const session = new WorkspaceSession(workspace, quiet, { deferStatementIndex: true });
  await startWhilePolling(session);
  await session.poll();
  try {
    // Nothing has asked for the index yet: the hover path has errors only.
    const error = hottestError(expected);
    const atError = session.groupsAtLine(error.file, error.line);
    assert.equal(atError[0]?.kind, 'error');
    assert.equal(atError[0]?.count, error.count);
    const logLine = expected.find((a) => a.kind === 'log' && !expected.some((b) => b.kind === 'error' && b.file === a.file && b.line === a.line))!;
    assert.deepEqual(session.groupsAtLine(logLine.file, logLine.line), [], 'statement lines wait for the index');
    assert.deepEqual(logGroups(session), [], "the demo's pino lines carry no code location: only the index can place them");

    await session.indexStatements();
    assert.equal(session.groupsAtLine(logLine.file, logLine.line)[0]?.count, logLine.count, 'the late index reaches the hover lookup');
    assert.deepEqual(logGroups(session), expected.filter((a) => a.kind === 'log').map((a) => key(a.file, a.line, a.count)).sort());
    assert.equal(session.groups().filter((g) => g.kind === 'error').length, expected.filter((a) => a.kind === 'error').length);
    // Polls after the index match at once; a second indexStatements is the same index.
    await session.poll();
    await session.indexStatements();
    assert.deepEqual(logGroups(session), expected.filter((a) => a.kind === 'log').map((a) => key(a.file, a.line, a.count)).sort());
  } finally {
    session.dispose();
  }
});
