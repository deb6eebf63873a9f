import { SourceError } from '../source';

/** What went wrong with a request, for back-off decisions and tests; never matched on message text. */
export type HttpErrorKind =
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'unauthorized'
  | 'client-error'
  | 'connection-refused'
  | 'connection-reset'
  | 'dns'
  | 'tls'
  | 'network'
  | 'not-json'
  | 'too-large'
  | 'too-many-redirects'
  | 'aborted'
  | 'bad-url';

/**
 * A failed request to a backend. The reason is written for the user; the cause is a
 * plain Error rebuilt from the transport error's code and message, never the axios
 * error itself, whose `config.headers` would carry the Authorization header.
 */
export class HttpSourceError extends SourceError {
  constructor(
    source: string,
    readonly kind: HttpErrorKind,
    reason: string,
    readonly details: { status?: number; retryAfterMs?: number; cause?: Error } = {},
  ) {
    super(source, reason, { cause: details.cause });
    this.name = 'HttpSourceError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** How long the backend asked us to wait (429/503 `Retry-After`), in ms. */
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

/** A transport error reduced to its code and message: safe to log, holds no request config. */
export function sanitisedCause(error: unknown): Error {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const cause = new Error(code ? `${code}: ${message}` : message);
  if (code) (cause as Error & { code?: string }).code = code;
  return cause;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED_RESET']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/** Classifies a transport-level error code (no HTTP status was received). */
export function transportErrorKind(code: string | undefined, message: string): HttpErrorKind {
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if ((code && RESET_CODES.has(code)) || message.includes('socket hang up') || message.includes('aborted')) return 'connection-reset';
  if (code && DNS_CODES.has(code)) return 'dns';
  if (code && TIMEOUT_CODES.has(code)) return 'timeout';
  if (code && (code.startsWith('CERT_') || code.includes('SELF_SIGNED') || code.startsWith('UNABLE_TO_') || code.startsWith('ERR_TLS'))) return 'tls';
  return 'network';
}
