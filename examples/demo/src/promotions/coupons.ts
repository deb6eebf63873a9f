import type { Logger } from 'pino';

/** What the partner coupon service encodes (base64 JSON) into each coupon. */
interface CouponPayload {
  code: string;
  percentOff: number;
  expiresAt: string;
}

/** Returns the discount in cents, or 0 for an expired coupon. */
export function applyCoupon(encoded: string, subtotalCents: number, now: number, logger: Logger): number {
  const coupon = decodeCoupon(encoded);
  if (Date.parse(coupon.expiresAt) < now) {
    logger.warn({ coupon: coupon.code }, 'expired coupon ignored');
    return 0;
  }
  return Math.round((subtotalCents * coupon.percentOff) / 100);
}

function decodeCoupon(encoded: string): CouponPayload {
  const json = Buffer.from(encoded, 'base64').toString('utf8');
  return JSON.parse(json) as CouponPayload;
}
