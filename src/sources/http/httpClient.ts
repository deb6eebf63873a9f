import type { AxiosResponse, AxiosStatic } from 'axios';
import type { Readable } from 'node:stream';
import { authorizationHeader, type AuthScheme } from './authHeader';
import { isWithheld, NO_CREDENTIALS, safeOrigin, type CredentialLookup, type CredentialProvider } from './credentials';
import { HttpSourceError, sanitisedCause, transportErrorKind } from './httpError';
import { BodyTooLargeError, readBodyCapped } from './readBody';
import { parseRetryAfter } from './retryAfter';

/**
 * axios, loaded on the first request: it (and Node's fetch classes it touches) would cost every
 * start of the language server ~100 ms, and a workspace with only log files never needs it.
 */
async function loadAxios(): Promise<AxiosStatic> {
  return (await import('axios')).default;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 3;

export interface HttpClientOptions {
  /** The source's configured name: used for the credential lookup and in every error. */
  source: string;
  /** The source's configured URL; its origin is the only one credentials are sent to. */
  baseUrl: string;
  /** How the credential is sent (default bearer; a credential with a user is sent as basic). */
  auth?: AuthScheme;
  credentials?: CredentialProvider;
  /** Non-secret headers sent with every request (e.g. `X-Scope-OrgID`). */
  headers?: Record<string, string>;
  /** Whole-request deadline: connect, headers and body (default 15 s). */
  timeoutMs?: number;
  /** Largest body accepted, after decompression (default 20 MB). */
  maxBytes?: number;
  maxRedirects?: number;
}

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface HttpRequest {
  method?: 'GET' | 'POST';
  /** Relative to the base URL's path, or an absolute URL (a `Link` header's next page). */
  path: string;
  /** Arrays become repeated keys (`statuses[]=a&statuses[]=b`); undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A POST that only reads (Elasticsearch's `_search`): as safe as a GET to send again after a stale-socket reset. */
  readOnly?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  data: T;
  /** The URL that finally answered (after same-origin redirects). */
  url: string;
}

/**
 * The one HTTP client every remote source uses. It bounds each request in time and
 * size, turns every failure into an HttpSourceError with a reason a user can act on,
 * and attaches the credential only to requests whose origin is the configured one:
 * redirects are followed by hand, and one that leaves the origin drops the credential.
 */
export class HttpClient {
  readonly origin: string;
  private readonly base: URL;
  /** Set when the provider withheld the credential (e.g. untrusted workspace): the health says so. */
  notice: string | undefined;
  /** The credential last sent and the header it went in: scrubbed from every reason, whatever a backend echoes. */
  private sentSecrets: string[] = [];

  constructor(private readonly options: HttpClientOptions) {
    const origin = safeOrigin(options.baseUrl);
    if (!origin) throw new HttpSourceError(options.source, 'bad-url', `\`url\` must be an http(s) URL, got "${options.baseUrl}"`);
    this.origin = origin;
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  }

  get source(): string {
    return this.options.source;
  }

  getJson<T = unknown>(path: string, request: Omit<HttpRequest, 'path' | 'method' | 'body'> = {}): Promise<HttpResponse<T>> {
    return this.requestJson<T>({ ...request, path, method: 'GET' });
  }

  async requestJson<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    await loadAxios(); // before the deadline starts: loading the module is not the backend's time
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
    try {
      let url = this.resolve(request.path, request.query);
      let method = request.method ?? 'GET';
      for (let hop = 0; ; hop++) {
        const response = await this.sendRetryingStaleSocket(url, method, request, signal);
        const location = response.headers.location;
        if (response.status >= 300 && response.status < 400 && typeof location === 'string') {
          (response.data as Readable).destroy();
          if (hop >= (this.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS)) throw this.error('too-many-redirects', `${this.where(url)} redirected more than ${hop} times`);
          url = new URL(location, url);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) method = 'GET';
          continue;
        }
        return await this.finish<T>(url, response, signal);
      }
    } catch (error) {
      throw this.translate(error, request, deadline, timeoutMs);
    }
  }

  private resolve(path: string, query: HttpRequest['query']): URL {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\/+/, ''), this.base);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
      else url.searchParams.append(key, String(value));
    }
    return url;
  }

  /**
   * A kept-alive socket the server closed while idle fails the next request with a
   * reset before any answer; a GET is safe to send once more on a fresh socket.
   */
  private async sendRetryingStaleSocket(url: URL, method: 'GET' | 'POST', request: HttpRequest, signal: AbortSignal): Promise<AxiosResponse<Readable>> {
    try {
      return await this.send(url, method, request, signal);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if ((method !== 'GET' && !request.readOnly) || signal.aborted || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw error;
      return this.send(url, method, request, signal);
    }
  }

  private async send(url: URL, method: 'GET' | 'POST', request: HttpRequest, signal: AbortSignal): Promise<AxiosResponse<Readable>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers, ...request.headers };
    const body = method === 'POST' && request.body !== undefined ? JSON.stringify(request.body) : undefined;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (url.origin === this.origin) {
      // A provider that cannot answer (the editor went away) means no credential, never a failed poll.
      const lookup = await (this.options.credentials ?? NO_CREDENTIALS).get(this.options.source, this.origin).catch((): CredentialLookup => ({ withheld: 'the credential could not be read' }));
      this.notice = isWithheld(lookup) ? lookup.withheld : undefined;
      if (lookup && !isWithheld(lookup)) {
        headers.Authorization = authorizationHeader(this.options.auth ?? 'bearer', lookup);
        this.sentSecrets = [headers.Authorization, lookup.token];
      }
    } else {
      // Off-origin (a redirect or an absolute next-page link): never any credential.
      delete headers.Authorization;
    }
    const axios = await loadAxios();
    return axios.request<Readable>({
      url: url.toString(),
      method,
      headers,
      data: body,
      responseType: 'stream',
      maxRedirects: 0,
      validateStatus: () => true,
      timeout: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxContentLength: this.maxBytes,
      maxBodyLength: this.maxBytes,
      decompress: true,
      signal,
    });
  }

  private get maxBytes(): number {
    return this.options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  private async finish<T>(url: URL, response: AxiosResponse<Readable>, signal: AbortSignal): Promise<HttpResponse<T>> {
    const headers = lowerCaseHeaders(response.headers as Record<string, unknown>);
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      response.data.destroy();
      throw new BodyTooLargeError(this.maxBytes);
    }
    const body = await readBodyCapped(response.data, this.maxBytes, signal);
    if (response.status < 200 || response.status >= 300) throw this.statusError(url, response.status, headers);
    const text = body.toString('utf8');
    try {
      return { status: response.status, headers, data: (text.trim() === '' ? null : JSON.parse(text)) as T, url: url.toString() };
    } catch (cause) {
      const type = headers['content-type'] ?? 'no content-type';
      // Not JSON.parse's message as the cause: it quotes the start of the body.
      throw this.error('not-json', `${this.where(url)} answered with a body that is not JSON (${mediaType(type)}, ${body.length} bytes): check the source's \`url\``, { cause: new Error(`${(cause as Error).name}: the body is not valid JSON`) });
    }
  }

  private statusError(url: URL, status: number, headers: Record<string, string>): HttpSourceError {
    const where = this.where(url);
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    if (status === 429) {
      const wait = retryAfterMs !== undefined ? `; it asked to retry after ${Math.ceil(retryAfterMs / 1000)} s` : '';
      return this.error('rate-limited', `${where} is rate-limiting OpsLens (429 Too Many Requests)${wait}`, { status, retryAfterMs });
    }
    if (status === 401 || status === 403) {
      const hint = this.notice ? ` (${this.notice})` : ': set one with "OpsLens: Set Credential…" or the OPSLENS_*_TOKEN environment variable';
      return this.error('unauthorized', `${where} refused access (${status}): the credential is missing, wrong or lacks read scope${hint}`, { status });
    }
    if (status >= 500) return this.error('server-error', `${where} failed with ${status}${retryAfterMs !== undefined ? `, retry after ${Math.ceil(retryAfterMs / 1000)} s` : ''}`, { status, retryAfterMs });
    return this.error('client-error', `${where} rejected the request with ${status}: check the source's configuration`, { status });
  }

  private translate(error: unknown, request: HttpRequest, deadline: AbortSignal, timeoutMs: number): HttpSourceError {
    if (error instanceof HttpSourceError) return error;
    const where = this.where(this.safeResolve(request.path));
    if (error instanceof BodyTooLargeError) {
      return this.error('too-large', `${where} answered with more than ${Math.round(error.limit / 1048576)} MB: the answer was refused; narrow the query or the window`);
    }
    const cause = sanitisedCause(error);
    const code = (cause as Error & { code?: string }).code;
    if (deadline.aborted) return this.error('timeout', `${where} did not answer within ${timeoutMs / 1000} s`, { cause });
    if (request.signal?.aborted || code === 'ERR_CANCELED') return this.error('aborted', `request to ${where} was cancelled`, { cause });
    if (code === 'ERR_BAD_RESPONSE' && cause.message.includes('maxContentLength')) {
      return this.error('too-large', `${where} answered with more than ${Math.round(this.maxBytes / 1048576)} MB: the answer was refused`, { cause });
    }
    const kind = transportErrorKind(code, cause.message);
    const reasons: Record<string, string> = {
      'connection-refused': `cannot connect to ${this.origin}: connection refused (is the service running and the URL right?)`,
      'connection-reset': `${this.origin} closed the connection before answering`,
      dns: `cannot resolve the host of ${this.origin}`,
      timeout: `${where} did not answer within ${timeoutMs / 1000} s`,
      tls: `TLS handshake with ${this.origin} failed (${code ?? 'certificate'})`,
    };
    return this.error(kind, reasons[kind] ?? `request to ${where} failed (${code ?? cause.message})`, { cause });
  }

  private safeResolve(path: string): URL {
    try {
      return this.resolve(path, undefined);
    } catch {
      return this.base;
    }
  }

  /** Origin and path, never the query (it may carry a filter a user considers private) or credentials. */
  private where(url: URL): string {
    return `${url.origin}${url.pathname}`;
  }

  private error(kind: HttpSourceError['kind'], reason: string, details: HttpSourceError['details'] = {}): HttpSourceError {
    return new HttpSourceError(this.options.source, kind, withoutSecrets(reason, this.sentSecrets), details);
  }
}

function lowerCaseHeaders(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/**
 * The media type of a Content-Type header (`text/html`), for a message: its parameters are
 * dropped, since a backend may echo anything there (an Authorization header it was sent, seen
 * in a test), and only token characters are kept.
 */
function mediaType(value: string): string {
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().slice(0, 80);
  let out = '';
  for (const ch of type) if (/[A-Za-z0-9!#$&^_.+\-/]/.test(ch)) out += ch;
  return out || 'no usable content-type';
}

function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[credential]');
  return out;
}
