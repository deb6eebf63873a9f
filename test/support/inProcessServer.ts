import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { startServer } from '../../src/server/server';

/**
 * The language server started in this process and a client connection to it, not listening yet
 * (so the test adds its handlers first). The two in-memory streams are never ended: the server
 * exits the process when its input ends.
 */
export function inProcessServer(): ProtocolConnection {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(ProposedFeatures.all, toServer, toClient));
  return createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
}
