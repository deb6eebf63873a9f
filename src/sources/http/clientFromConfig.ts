import type { SourceConfig } from '../../core/config/opslensConfig';
import { parseDuration } from '../../core/duration';
import { SourceError } from '../source';
import { authScheme, optionalNumber, optionalString } from '../sourceOptions';
import type { AuthScheme } from './authHeader';
import type { CredentialProvider } from './credentials';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, HttpClient } from './httpClient';

export interface ClientDefaults {
  /** The backend's public URL when `url:` is optional (PagerDuty, Sentry SaaS). */
  url?: string;
  /** How this backend usually takes its token; `auth:` overrides it. */
  auth: AuthScheme;
  /** Headers every request of this backend carries (API version, tenant). */
  headers?: Record<string, string>;
}

/**
 * The HTTP client for a source entry, from the options every remote source shares:
 * `url`, `auth` (bearer | token | apikey | basic), `timeout` (a duration, default
 * 15s) and `maxResponseMB` (default 20).
 */
export function httpClientFor(config: SourceConfig, defaults: ClientDefaults, credentials: CredentialProvider | undefined): HttpClient {
  const url = optionalString(config, 'url') ?? defaults.url;
  if (!url) throw new SourceError(config.name, `a \`${config.type}\` source needs \`url\`: the base URL of the backend`);
  const timeoutText = optionalString(config, 'timeout');
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(timeoutText);
  if (timeoutMs === undefined || timeoutMs <= 0) throw new SourceError(config.name, '`timeout` must be a duration such as 15s');
  const maxBytes = optionalNumber(config, 'maxResponseMB', DEFAULT_MAX_BYTES / 1048576, 1, 512) * 1048576;
  return new HttpClient({ source: config.name, baseUrl: url, auth: authScheme(config, defaults.auth), credentials, headers: defaults.headers, timeoutMs, maxBytes });
}
