import * as vscode from 'vscode';
import type { OpsLensServer } from '../client/opsLensServer';
import type { CredentialInfo } from '../../protocol';
import { traceInfo, traceWarn } from '../log';

/**
 * Source credentials in VS Code's SecretStorage, keyed by the source's name AND the
 * origin it was stored for: if the workspace's `.opslens.yaml` later points the
 * source at another host, the lookup for that origin finds nothing.
 */
export class SecretCredentials {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  static key(source: string, origin: string): string {
    return `opslens.credential:${encodeURIComponent(source)}@${origin}`;
  }

  async get(source: string, origin: string): Promise<CredentialInfo | undefined> {
    const stored = await this.secrets.get(SecretCredentials.key(source, origin));
    if (!stored) return undefined;
    try {
      const parsed = JSON.parse(stored) as Partial<CredentialInfo>;
      if (typeof parsed.token !== 'string' || parsed.token === '') return undefined;
      return typeof parsed.user === 'string' && parsed.user !== '' ? { token: parsed.token, user: parsed.user } : { token: parsed.token };
    } catch {
      traceWarn(`the stored credential of ${source} for ${origin} is unreadable; set it again`);
      return undefined;
    }
  }

  store(source: string, origin: string, credential: CredentialInfo): Thenable<void> {
    return this.secrets.store(SecretCredentials.key(source, origin), JSON.stringify(credential));
  }

  delete(source: string, origin: string): Thenable<void> {
    return this.secrets.delete(SecretCredentials.key(source, origin));
  }
}

export const UNTRUSTED_REASON = 'this workspace is not trusted: OpsLens sends no credentials to the URLs its .opslens.yaml declares (trust the workspace to allow it)';

/**
 * The answer to the server's credential requests (`opslens/credential`). Every source comes
 * from the workspace's own `.opslens.yaml`, so in an untrusted workspace none gets a
 * credential, and the answer says why so the Sources view can show it.
 */
export function credentialAnswer(credentials: SecretCredentials) {
  return async ({ source, origin }: { source: string; origin: string }): Promise<CredentialInfo | { withheld: string } | null> => {
    if (!vscode.workspace.isTrusted) return { withheld: UNTRUSTED_REASON };
    return (await credentials.get(source, origin)) ?? null;
  };
}

/** When the user trusts the workspace, the server asks for its credentials again and polls. */
export function onWorkspaceTrusted(server: () => OpsLensServer | undefined): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    traceInfo('workspace trusted: sources may now use their stored credentials');
    void server()?.credentialsChanged({});
  });
}
