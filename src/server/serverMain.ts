import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport (--node-ipc from VS Code, --stdio from other editors) comes from the command line.
startServer(createConnection(ProposedFeatures.all));
