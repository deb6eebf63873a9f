import type { Clock } from '../clock';

/** The error the Postgres driver raises when the server drops the connection mid-query. */
export class ConnectionResetError extends Error {
  override readonly name = 'ConnectionResetError';
  readonly code = 'ECONNRESET';

  constructor(host: string) {
    super(`Connection terminated unexpectedly (${host}:5432)`);
  }
}

export interface QueryResult {
  rowCount: number;
}

/**
 * A stand-in for the Postgres pool with the failure mode that matters here: while the
 * primary fails over, every query on an existing connection is reset.
 */
export class ConnectionPool {
  private failoverUntil = 0;

  constructor(
    private readonly host: string,
    private readonly clock: Clock,
  ) {}

  /** Simulates a primary failover lasting `ms` from now. */
  startFailover(ms: number): void {
    this.failoverUntil = this.clock.now() + ms;
  }

  async query(_sql: string, _params: unknown[]): Promise<QueryResult> {
    await new Promise<void>((resolve) => this.clock.setTimeout(resolve, 8));
    if (this.clock.now() < this.failoverUntil) throw new ConnectionResetError(this.host);
    return { rowCount: 1 };
  }
}
