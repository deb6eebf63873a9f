import type { HttpRequest } from '../../src/server';
import type { CheckoutRequest, LineItem } from '../../src/types';
import { pick } from './random';

const HOUR_MS = 3_600_000;

/** Relative request rate per hour of the replayed day: quiet at night, busy in the evening. */
const HOURLY_WEIGHT = [2, 1, 1, 1, 1, 2, 3, 5, 6, 6, 7, 8, 8, 7, 7, 8, 9, 10, 11, 12, 11, 9, 6, 4];

const PHYSICAL: LineItem[] = [
  { sku: 'MUG-CLASSIC-12OZ', quantity: 1, unitPriceCents: 1_800 },
  { sku: 'TEE-LOGO-M', quantity: 1, unitPriceCents: 2_400 },
  { sku: 'HOODIE-ZIP-L', quantity: 1, unitPriceCents: 5_900 },
  { sku: 'STICKER-PACK', quantity: 3, unitPriceCents: 400 },
  { sku: 'CAP-EMBROIDERED', quantity: 1, unitPriceCents: 2_200 },
];
const GIFT_CARDS: LineItem[] = [
  { sku: 'GIFTCARD-25', quantity: 1, unitPriceCents: 2_500, digital: true },
  { sku: 'GIFTCARD-50', quantity: 1, unitPriceCents: 5_000, digital: true },
];
const ADDRESSES = [
  { line1: '500 Market St', city: 'San Francisco', postalCode: '94105', country: 'US' },
  { line1: 'Torstraße 12', city: 'Berlin', postalCode: '10119', country: 'de' },
  { line1: '8 Rue de Rivoli', city: 'Paris', postalCode: '75004', country: 'FR' },
  { line1: '1 George St', city: 'Sydney', postalCode: '2000', country: 'AU' },
];
const DECLINE_CODES = ['insufficient_funds', 'insufficient_funds', 'do_not_honor', 'expired_card', 'card_velocity_exceeded'];
const WEB_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15';
const IOS_AGENT = 'ShopApp-iOS/5.2.0 (iPhone15,3; iOS 18.1)';

export interface TrafficPlan {
  /** Gift cards (digital-only carts) launch with release 1.42.0 and iOS app 5.2. */
  giftCardLaunch: number;
}

/** Arrival times of `count` requests over the day starting at `start`, sorted, shaped by HOURLY_WEIGHT. */
export function arrivalTimes(random: () => number, start: number, count: number): number[] {
  const total = HOURLY_WEIGHT.reduce((a, b) => a + b, 0);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    let r = random() * total;
    let hour = 0;
    while (hour < HOURLY_WEIGHT.length - 1 && r >= HOURLY_WEIGHT[hour]!) r -= HOURLY_WEIGHT[hour++]!;
    times.push(start + hour * HOUR_MS + Math.floor(random() * HOUR_MS));
  }
  return times.sort((a, b) => a - b);
}

/** One POST /checkout as a client would send it, with the data quirks each client really has. */
export function checkoutRequest(random: () => number, at: number, n: number, plan: TrafficPlan): HttpRequest {
  const mobile = at >= plan.giftCardLaunch && random() < 0.5;
  const giftCardOnly = at >= plan.giftCardLaunch && random() < 0.45;
  const items = giftCardOnly ? [pick(random, GIFT_CARDS)] : [pick(random, PHYSICAL), ...(random() < 0.3 ? [pick(random, PHYSICAL)] : [])];
  const declined = random() < 0.05;
  const body: Partial<CheckoutRequest> = {
    requestId: `req_${n.toString(16).padStart(6, '0')}`,
    customerId: `cus_${Math.floor(random() * 90_000 + 10_000)}`,
    items,
    card: { token: declined ? `tok_declined_${pick(random, DECLINE_CODES)}` : `tok_${Math.floor(random() * 1e9).toString(36)}`, last4: String(1000 + Math.floor(random() * 9000)) },
  };
  // The iOS 5.2 app leaves out the address for carts that ship nothing.
  if (!(mobile && giftCardOnly)) body.shippingAddress = pick(random, ADDRESSES);
  if (random() < 0.15) body.coupon = coupon(random, at);
  return {
    method: 'POST',
    path: '/checkout',
    headers: { 'x-request-id': body.requestId!, 'user-agent': mobile ? IOS_AGENT : WEB_AGENT },
    body: JSON.stringify(body),
  };
}

/** Partner coupons: some expired, and a few cut short by the partner's URL shortener. */
function coupon(random: () => number, at: number): string {
  const expired = random() < 0.25;
  const payload = { code: `PARTNER${Math.floor(random() * 900 + 100)}`, percentOff: pick(random, [10, 15, 20]), expiresAt: new Date(at + (expired ? -1 : 7) * 86_400_000).toISOString() };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');
  return random() < 0.1 ? encoded.slice(0, 40) : encoded;
}

export function healthCheck(): HttpRequest {
  return { method: 'GET', path: '/healthz', headers: { 'x-request-id': 'probe', 'user-agent': 'kube-probe/1.30' }, body: '' };
}
