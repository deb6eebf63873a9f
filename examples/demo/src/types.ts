/** The request body of POST /checkout, as the web and mobile clients send it. */
export interface CheckoutRequest {
  requestId: string;
  customerId: string;
  items: LineItem[];
  /** Required by the API contract; digital-only carts from the 5.x mobile app omit it anyway. */
  shippingAddress: Address;
  card: CardDetails;
  /** Base64 JSON issued by the partner coupon service. */
  coupon?: string;
}

export interface LineItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
  digital?: boolean;
}

export interface Address {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface CardDetails {
  /** Token from the payment gateway's client-side SDK; the card number never reaches us. */
  token: string;
  last4: string;
}

export interface Order {
  id: string;
  customerId: string;
  items: LineItem[];
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  totalCents: number;
  chargeId?: string;
}
