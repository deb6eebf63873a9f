import type { Clock } from '../clock';

export interface AuthorizationResponse {
  status: 'approved' | 'declined';
  authorizationId?: string;
  declineCode?: string;
}

export interface PaymentGateway {
  authorize(cardToken: string, amountCents: number, idempotencyKey: string): Promise<AuthorizationResponse>;
  capture(authorizationId: string): Promise<{ chargeId: string }>;
}

/**
 * The gateway's sandbox, which answers by card token the way the real one answers by
 * card: `tok_declined_<code>` is declined with that code, every other token is approved.
 */
export class SandboxGateway implements PaymentGateway {
  private sequence = 0;

  constructor(private readonly clock: Clock) {}

  async authorize(cardToken: string, _amountCents: number, _idempotencyKey: string): Promise<AuthorizationResponse> {
    await this.roundTrip();
    const declined = cardToken.startsWith('tok_declined_');
    if (declined) return { status: 'declined', declineCode: cardToken.slice('tok_declined_'.length) };
    return { status: 'approved', authorizationId: `auth_${++this.sequence}` };
  }

  async capture(authorizationId: string): Promise<{ chargeId: string }> {
    await this.roundTrip();
    return { chargeId: `ch_${authorizationId.slice('auth_'.length)}` };
  }

  private roundTrip(): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, 120));
  }
}
