// The language server over a real LSP connection (in process) on a copy of the demo: the
// first data answers error hovers before the logging-statement index exists, and when the
// index lands the editor is told (opslens/dataChanged, workspace/codeLens/refresh) and the
// next hover on a logging statement shows its log lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { inProcessServer } from '../../support/inProcessServer';
import { copyDemo, hottestError, scanAnnotations } from '../../support/demoCopy';

interface Client {
  connection: ProtocolConnection;
  /** Resolves at each opslens/dataChanged, in order. */
  dataChanged: () => Promise<void>;
  codeLensRefresh: Promise<void>;
  log: string[];
}

/** The in-process server with a client that answers its requests and records its notifications. */
function connect(): Client {
  const connection = inProcessServer();
  const waiting: (() => void)[] = [];
  let pending = 0;
  let refreshed!: () => void;
  const codeLensRefresh = new Promise<void>((resolve) => (refreshed = resolve));
  const log: string[] = [];
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('opslens/credential', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => {
    refreshed();
    return null;
  });
  connection.onNotification('window/logMessage', (m: { message: string }) => {
    log.push(m.message);
  });
  connection.onNotification('opslens/dataChanged', () => {
    const next = waiting.shift();
    if (next) next();
    else pending++;
  });
  connection.listen();
  const dataChanged = (): Promise<void> => {
    if (pending > 0) {
      pending--;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  return { connection, dataChanged, codeLensRefresh, log };
}

function hoverText(hover: Hover | null): string {
  return hover ? (hover.contents as MarkupContent).value : '';
}

// A server that never tells the editor about the index would leave the test waiting: it fails by its timeout.
void test('error hovers answer from the first data; the statement index arrives later and reaches hovers', { timeout: 120_000 }, async () => {
  const workspace = copyDemo('opslens-server-start-');
  const expected = await scanAnnotations(workspace);
  const error = hottestError(expected);
  const logLine = expected.find((a) => a.kind === 'log' && !expected.some((b) => b.kind === 'error' && b.file === a.file && b.line === a.line));
  assert.ok(logLine, 'the demo has a log statement on a line of its own');
  const client = connect();
  const rootUri = pathToFileURL(workspace).toString();
  await client.connection.sendRequest('initialize', {
    processId: null,
    rootUri,
    capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } } },
    workspaceFolders: [{ uri: rootUri, name: 'demo' }],
  });
  await client.connection.sendNotification('initialized', {});
  const hover = (file: string, line: number): Promise<Hover | null> =>
    client.connection.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(path.join(workspace, file)).toString() }, position: { line: line - 1, character: 0 } });
  try {
    await client.dataChanged(); // the first data: one poll
    const first = hoverText(await hover(error.file, error.line));
    assert.match(first, new RegExp(`${error.count.toLocaleString('en-US')}×`), 'the error hover has its count');

    await client.codeLensRefresh; // the index landed (opslens/dataChanged went just before)
    const late = hoverText(await hover(logLine.file, logLine.line));
    assert.match(late, new RegExp(`${logLine.count}`), 'the statement hover has its line count');
    const order = client.log.map((m) => (/new event\(s\)/.test(m) ? 'poll' : /logging statement\(s\)/.test(m) ? 'index' : '')).filter(Boolean);
    assert.deepEqual(order.slice(0, 2), ['poll', 'index'], 'sources are read before the index is built');
  } finally {
    await client.connection.sendRequest('shutdown');
    client.connection.dispose();
  }
});
