import type { Logger } from 'pino';
import type { CardDetails } from '../types';
import type { PaymentGateway } from './gatewayClient';
import { PaymentDeclinedError } from './paymentErrors';

export interface ChargeResult {
  chargeId: string;
  amountCents: number;
}

/** Authorizes then captures; a decline surfaces as PaymentDeclinedError so the caller can answer 402. */
export async function chargeCard(gateway: PaymentGateway, logger: Logger, orderId: string, card: CardDetails, amountCents: number): Promise<ChargeResult> {
  const authorizationId = await authorize(gateway, card, amountCents, orderId);
  const { chargeId } = await gateway.capture(authorizationId);
  logger.info({ orderId, chargeId, amountCents, last4: card.last4 }, 'payment captured');
  return { chargeId, amountCents };
}

async function authorize(gateway: PaymentGateway, card: CardDetails, amountCents: number, orderId: string): Promise<string> {
  // The order id is the idempotency key: a retried request must never charge twice.
  const response = await gateway.authorize(card.token, amountCents, orderId);
  if (response.status === 'declined' || !response.authorizationId) {
    throw new PaymentDeclinedError(response.declineCode ?? 'unknown', amountCents);
  }
  return response.authorizationId;
}
