import type { Credential } from './credentials';

/**
 * How a backend takes its token: `bearer` (Sentry, Loki, Grafana Cloud), `token`
 * (PagerDuty's `Token token=…`), `apikey` (Elasticsearch's `ApiKey …`), `basic`.
 * A credential with a `user` is always sent as basic auth, the token being the password.
 */
export type AuthScheme = 'bearer' | 'token' | 'apikey' | 'basic';

export const AUTH_SCHEMES: readonly AuthScheme[] = ['bearer', 'token', 'apikey', 'basic'];

export function authorizationHeader(scheme: AuthScheme, credential: Credential): string {
  if (credential.user !== undefined || scheme === 'basic') {
    return `Basic ${Buffer.from(`${credential.user ?? ''}:${credential.token}`, 'utf8').toString('base64')}`;
  }
  switch (scheme) {
    case 'token':
      return `Token token=${credential.token}`;
    case 'apikey':
      return `ApiKey ${credential.token}`;
    case 'bearer':
      return `Bearer ${credential.token}`;
  }
}
