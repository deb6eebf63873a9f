import type { ConnectionPool } from '../db/connectionPool';
import type { Order } from '../types';

/** Saving failed after the charge succeeded: the customer paid for an order we did not record. */
export class OrderPersistenceError extends Error {
  override readonly name = 'OrderPersistenceError';

  constructor(
    readonly orderId: string,
    options: { cause: unknown },
  ) {
    super(`could not save order ${orderId}`, options);
  }
}

export class OrderRepository {
  constructor(private readonly pool: ConnectionPool) {}

  async save(order: Order): Promise<void> {
    try {
      await this.pool.query('INSERT INTO orders (id, customer_id, total_cents, charge_id) VALUES ($1, $2, $3, $4)', [
        order.id,
        order.customerId,
        order.totalCents,
        order.chargeId,
      ]);
    } catch (cause) {
      throw new OrderPersistenceError(order.id, { cause });
    }
  }
}
