import type { CheckoutRequest } from '../types';

/** Flat rates per destination zone, in cents. */
const RATES_CENTS: Record<string, number> = { domestic: 499, eu: 1299, international: 2499 };
const EU = new Set(['AT', 'BE', 'DE', 'DK', 'ES', 'FI', 'FR', 'IE', 'IT', 'NL', 'PL', 'PT', 'SE']);
const FREE_SHIPPING_FROM_CENTS = 5_000;

export function quoteShipping(request: CheckoutRequest, subtotalCents: number): number {
  if (subtotalCents >= FREE_SHIPPING_FROM_CENTS) return 0;
  const country = request.shippingAddress.country.toUpperCase();
  const zone = country === 'US' ? 'domestic' : EU.has(country) ? 'eu' : 'international';
  return RATES_CENTS[zone] ?? RATES_CENTS.international!;
}
