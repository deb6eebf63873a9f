/**
 * Credentials for remote sources. A credential belongs to one source AND one origin:
 * providers look it up by both, so a workspace that changes a source's URL gets
 * nothing for the new origin, and the HTTP client never sends it anywhere else.
 */

export interface Credential {
  /** Token, API key or password (with `user`). */
  token: string;
  /** Set for basic auth: the token is then the password. */
  user?: string;
}

/** Why no credential is given although one may be stored (e.g. the workspace is not trusted). */
export interface CredentialWithheld {
  withheld: string;
}

export type CredentialLookup = Credential | CredentialWithheld | undefined;

export interface CredentialProvider {
  /** The credential stored for this source and origin (`https://host:port`), if any. */
  get(source: string, origin: string): Promise<CredentialLookup>;
}

export function isWithheld(lookup: CredentialLookup): lookup is CredentialWithheld {
  return lookup !== undefined && 'withheld' in lookup;
}

/** `OPSLENS_<NAME>_<SUFFIX>`: the source name upper-cased, every other character than A-Z and 0-9 turned into `_`. */
export function credentialEnvName(source: string, suffix: 'TOKEN' | 'USER' | 'ORIGIN'): string {
  let name = '';
  for (const ch of source.toUpperCase()) name += (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ? ch : '_';
  return `OPSLENS_${name}_${suffix}`;
}

/**
 * The CLI's provider: `OPSLENS_<NAME>_TOKEN` and `OPSLENS_<NAME>_USER`. Where
 * `OPSLENS_<NAME>_ORIGIN` is set too, the token is bound to that origin and
 * withheld from any other.
 */
export class EnvCredentialProvider implements CredentialProvider {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async get(source: string, origin: string): Promise<CredentialLookup> {
    const token = this.env[credentialEnvName(source, 'TOKEN')];
    if (!token) return undefined;
    const boundTo = this.env[credentialEnvName(source, 'ORIGIN')];
    if (boundTo && safeOrigin(boundTo) !== origin) {
      return { withheld: `${credentialEnvName(source, 'TOKEN')} is bound to ${safeOrigin(boundTo) ?? 'another origin'} by ${credentialEnvName(source, 'ORIGIN')}, not to ${origin}` };
    }
    const user = this.env[credentialEnvName(source, 'USER')];
    return user ? { token, user } : { token };
  }
}

/** No credentials at all (tests, sources that need none). */
export const NO_CREDENTIALS: CredentialProvider = { get: async () => undefined };

/** The origin (`scheme://host[:port]`) of a URL, or undefined when it is not an http(s) URL. */
export function safeOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
