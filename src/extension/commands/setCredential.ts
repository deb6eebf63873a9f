import * as vscode from 'vscode';
import type { OpsLensServer } from '../client/opsLensServer';
import type { SourceHealthInfo } from '../../protocol';
import { SecretCredentials } from '../credentials/secretCredentials';
import { traceInfo } from '../log';
import type { CommandContext } from './commandContext';

/** Backends whose usual credential is a user and password (or key id and key) rather than a bare token. */
const BASIC_AUTH_TYPES = new Set(['loki', 'elasticsearch', 'opensearch']);

/**
 * "OpsLens: Set Credential…": pick a configured remote source, type its token (never
 * echoed), optionally a user for basic auth; it is stored in SecretStorage for the
 * source's current origin only, and the server is told to use it.
 */
export function setCredentialCommand(ctx: CommandContext) {
  /** `target`: the Sources view item the inline key button was pressed on; otherwise a quick pick. */
  return async (target?: SourceHealthInfo): Promise<void> => {
    const server = ctx.runningServer();
    if (!server) {
      void vscode.window.showWarningMessage('OpsLens is still starting; try "Set Credential…" again in a moment.');
      return;
    }
    const source = target?.origin ? (target as SourceHealthInfo & { origin: string }) : await pickSource(server);
    if (!source) return;
    const { name, type, origin } = source;
    const token = await vscode.window.showInputBox({
      title: `Credential for ${name} (${origin})`,
      prompt: 'API token, API key or password. It is kept in the editor’s secret storage and sent only to this origin. Leave empty to remove the stored one.',
      password: true,
      ignoreFocusOut: true,
    });
    if (token === undefined) return;
    const secrets = new SecretCredentials(ctx.extension.secrets);
    if (token === '') {
      await secrets.delete(name, origin);
      traceInfo(`credential of ${name} for ${origin} removed`);
    } else {
      const user = BASIC_AUTH_TYPES.has(type)
        ? await vscode.window.showInputBox({ title: `User for ${name} (${origin})`, prompt: 'For basic auth; leave empty to send the token alone (bearer or API key).', ignoreFocusOut: true })
        : '';
      if (user === undefined) return;
      await secrets.store(name, origin, user ? { token, user } : { token });
      traceInfo(`credential of ${name} stored for ${origin}`);
    }
    await server.credentialsChanged({ source: name });
    if (!vscode.workspace.isTrusted) void vscode.window.showWarningMessage(`Stored. This workspace is not trusted, so OpsLens will not send it until you trust the workspace.`);
  };
}

/** Quick pick of the configured remote sources, each shown with the origin its credential will be bound to. */
async function pickSource(server: OpsLensServer): Promise<(SourceHealthInfo & { origin: string }) | undefined> {
  const remote = (await server.health()).sources.filter((s): s is SourceHealthInfo & { origin: string } => typeof s.origin === 'string');
  if (remote.length === 0) {
    void vscode.window.showInformationMessage('No remote source is configured: add one under `sources:` in .opslens.yaml.', 'Open Configuration').then((choice) => {
      if (choice) void vscode.commands.executeCommand('opslens.openConfiguration');
    });
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    remote.map((s) => ({ label: s.name, description: `${s.type} · ${s.origin}`, source: s })),
    { title: 'OpsLens: Set Credential', placeHolder: 'Which source is the credential for?' },
  );
  return picked?.source;
}
