// A poll asked for while a folder session is still starting (VS Code sends a configuration
// change right after initialize; a log write triggers one too) must not ingest log lines
// before the logging-statement index is there: they could never be matched afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { WorkspaceSession } from '../../../src/server/workspaceSession';
import { copyDemo, scanAnnotations } from '../../support/demoCopy';

void test('polls during start-up leave log lines for the statement index', async () => {
  const workspace = copyDemo('opslens-session-start-');
  const expected = (await scanAnnotations(workspace)).filter((a) => a.kind === 'log');
  assert.ok(expected.length > 0, 'the demo writes log lines');
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const session = new WorkspaceSession(workspace, quiet);
  let started = false;
  const starting = session.start().then(() => (started = true));
  // Ask for a poll at every turn of the event loop until start() is done.
  while (!started) {
    void session.poll();
    await nextTurn();
  }
  await starting;
  await session.poll();
  try {
    const logs = session.groups().filter((g) => g.kind === 'log');
    assert.deepEqual(
      logs.map((g) => `${g.location.file}:${g.location.line} ${g.count}`).sort(),
      expected.map((a) => `${a.file}:${a.line} ${a.count}`).sort(),
    );
  } finally {
    session.dispose();
  }
});
