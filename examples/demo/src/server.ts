import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { OrderService } from './orders/orderService';
import { PaymentDeclinedError } from './payments/paymentErrors';
import type { CheckoutRequest } from './types';

/** The parts of an HTTP exchange the handlers need; the HTTP framework adapts to this. */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

export interface CheckoutServerDeps {
  orders: OrderService;
  clock: Clock;
  logger: Logger;
}

/** Routes requests, turns failures into status codes, and writes one access log line per request. */
export class CheckoutServer {
  constructor(private readonly deps: CheckoutServerDeps) {}

  async handle(request: HttpRequest): Promise<HttpResponse> {
    const started = this.deps.clock.now();
    const requestId = request.headers['x-request-id'] ?? 'unknown';
    const log = this.deps.logger.child({ requestId, route: `${request.method} ${request.path}` });
    const response = await this.route(request, log);
    const durationMs = this.deps.clock.now() - started;
    log.info({ status: response.status, durationMs, userAgent: request.headers['user-agent'] }, 'request completed');
    return response;
  }

  private async route(request: HttpRequest, log: Logger): Promise<HttpResponse> {
    if (request.method === 'GET' && request.path === '/healthz') return { status: 200, body: { ok: true } };
    if (request.method !== 'POST' || request.path !== '/checkout') return { status: 404, body: { error: 'not found' } };
    try {
      const confirmation = await this.deps.orders.placeOrder(JSON.parse(request.body) as CheckoutRequest, log);
      return { status: 201, body: confirmation };
    } catch (err) {
      return this.failure(err, log);
    }
  }

  private failure(err: unknown, log: Logger): HttpResponse {
    if (err instanceof PaymentDeclinedError) {
      // A decline is the customer's card, not our bug: a warning, unless the rate alert fires.
      log.warn({ err, declineCode: err.declineCode }, 'payment declined');
      return { status: 402, body: { error: 'payment_declined', declineCode: err.declineCode } };
    }
    log.error({ err }, 'checkout failed');
    return { status: 500, body: { error: 'internal_error' } };
  }
}
