import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Inventory } from '../inventory';
import { chargeCard } from '../payments/charge';
import type { PaymentGateway } from '../payments/gatewayClient';
import { applyCoupon } from '../promotions/coupons';
import type { CheckoutRequest, Order } from '../types';
import type { OrderRepository } from './orderRepository';
import { quoteShipping } from './shipping';

export interface OrderServiceDeps {
  inventory: Inventory;
  gateway: PaymentGateway;
  repository: OrderRepository;
  clock: Clock;
  /** For lines outside a request. */
  logger: Logger;
}

export interface OrderConfirmation {
  orderId: string;
  totalCents: number;
  chargeId: string;
}

/** Prices the cart, holds the stock, takes the money, records the order: in that order. */
export class OrderService {
  private sequence = 0;

  constructor(private readonly deps: OrderServiceDeps) {}

  /** `log` is the request's logger, so every line of the order carries its request id. */
  async placeOrder(request: CheckoutRequest, log: Logger = this.deps.logger): Promise<OrderConfirmation> {
    const order = this.priceOrder(request, log);
    await this.deps.inventory.reserveItems(order.id, order.items, log);
    const charge = await chargeCard(this.deps.gateway, log, order.id, request.card, order.totalCents);
    order.chargeId = charge.chargeId;
    await this.deps.repository.save(order);
    log.info({ orderId: order.id, customerId: order.customerId, totalCents: order.totalCents }, 'order placed');
    return { orderId: order.id, totalCents: order.totalCents, chargeId: charge.chargeId };
  }

  private priceOrder(request: CheckoutRequest, log: Logger): Order {
    const subtotalCents = request.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
    const discountCents = request.coupon ? applyCoupon(request.coupon, subtotalCents, this.deps.clock.now(), log) : 0;
    const physical = request.items.some((item) => !item.digital);
    const shippingCents = physical ? quoteShipping(request, subtotalCents) : this.digitalDeliveryFee(request, subtotalCents);
    return {
      id: `ord_${(++this.sequence).toString().padStart(6, '0')}`,
      customerId: request.customerId,
      items: request.items,
      subtotalCents,
      discountCents,
      shippingCents,
      totalCents: subtotalCents - discountCents + shippingCents,
    };
  }

  /** Gift cards ship by e-mail; only the EU charges VAT on delivery, hence the country. */
  private digitalDeliveryFee(request: CheckoutRequest, subtotalCents: number): number {
    return request.shippingAddress.country === 'US' ? 0 : Math.round(subtotalCents * 0.002);
  }
}
