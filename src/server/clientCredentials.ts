import type { Connection } from 'vscode-languageserver/node';
import { CredentialRequest } from '../protocol';
import type { CredentialLookup, CredentialProvider } from '../sources/http/credentials';

/**
 * Credentials from the editor: the server asks the client, which reads VS Code's
 * SecretStorage (and withholds everything in an untrusted workspace). Answers are
 * cached per source and origin until the client says a credential changed, so a
 * poll does not cost a round trip per request. Nothing here logs a credential.
 */
export class ClientCredentialProvider implements CredentialProvider {
  private readonly cache = new Map<string, Promise<CredentialLookup>>();

  /**
   * @param fallback asked when the client does not answer the request at all: an
   * editor other than VS Code (Neovim, Helix over `--stdio`) has no SecretStorage,
   * so there the environment variables of the CLI apply.
   */
  constructor(
    private readonly connection: Connection,
    private readonly fallback?: CredentialProvider,
  ) {}

  get(source: string, origin: string): Promise<CredentialLookup> {
    const key = `${source}\n${origin}`;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.ask(source, origin);
      this.cache.set(key, answer);
      // A failed ask (client gone, old client without the handler) is not remembered.
      answer.catch(() => this.cache.delete(key));
    }
    return answer;
  }

  /** Forgets every answer: the next request asks the client again. */
  clear(): void {
    this.cache.clear();
  }

  private async ask(source: string, origin: string): Promise<CredentialLookup> {
    let result: Awaited<ReturnType<typeof this.request>>;
    try {
      result = await this.request(source, origin);
    } catch (error) {
      if (!this.fallback) throw error;
      return this.fallback.get(source, origin);
    }
    if (result === null || result === undefined) return undefined;
    if ('withheld' in result) return { withheld: result.withheld };
    return result.user ? { token: result.token, user: result.user } : { token: result.token };
  }

  private request(source: string, origin: string) {
    return this.connection.sendRequest(CredentialRequest, { source, origin });
  }
}
