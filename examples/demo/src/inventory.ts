import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { LineItem } from './types';

/** The warehouse did not confirm a reservation in time; the stock may or may not be held. */
export class WarehouseTimeoutError extends Error {
  override readonly name = 'WarehouseTimeoutError';

  constructor(
    readonly sku: string,
    readonly timeoutMs: number,
  ) {
    super(`warehouse did not confirm the reservation of ${sku} within ${timeoutMs}ms`);
  }
}

/** The warehouse management system's reservation API. */
export interface WarehouseApi {
  /** Resolves with the units left after the reservation; may never settle when the warehouse is overloaded. */
  reserve(sku: string, quantity: number, orderId: string): Promise<number>;
}

const RESERVATION_TIMEOUT_MS = 2_000;
const LOW_STOCK_UNITS = 5;

export class Inventory {
  constructor(
    private readonly warehouse: WarehouseApi,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Reserves every physical item of an order; digital items need no stock. */
  async reserveItems(orderId: string, items: LineItem[], log: Logger = this.logger): Promise<void> {
    for (const item of items) {
      if (item.digital) continue;
      const remaining = await this.reserveWithTimeout(item.sku, item.quantity, orderId);
      if (remaining < LOW_STOCK_UNITS) {
        log.warn({ orderId, sku: item.sku, remaining }, 'stock running low, reorder needed');
      }
    }
  }

  /** Hourly job: the warehouse pushes its counts and we replace our cached levels. */
  recordStockSync(skuCount: number, durationMs: number): void {
    this.logger.info(`stock levels synced for ${skuCount} SKUs in ${durationMs}ms`);
  }

  private reserveWithTimeout(sku: string, quantity: number, orderId: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        reject(new WarehouseTimeoutError(sku, RESERVATION_TIMEOUT_MS));
      }, RESERVATION_TIMEOUT_MS);
      this.warehouse.reserve(sku, quantity, orderId).then(
        (remaining) => {
          timer.cancel();
          resolve(remaining);
        },
        (error: unknown) => {
          timer.cancel();
          reject(error as Error);
        },
      );
    });
  }
}
