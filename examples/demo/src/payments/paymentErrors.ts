/** The card issuer refused the charge: a customer problem, not an outage, unless the rate jumps. */
export class PaymentDeclinedError extends Error {
  override readonly name = 'PaymentDeclinedError';

  constructor(
    readonly declineCode: string,
    readonly amountCents: number,
  ) {
    super(`card declined by issuer: ${declineCode} (amount ${amountCents} cents)`);
  }
}
