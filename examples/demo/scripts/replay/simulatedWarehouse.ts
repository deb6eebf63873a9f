import type { Clock } from '../../src/clock';
import type { WarehouseApi } from '../../src/inventory';

const RESPONSE_MS = 45;
const RESTOCK_UNITS = 40;

/**
 * The warehouse management system as the checkout service sees it: quick answers,
 * except during an overload window when most reservations never get a reply.
 */
export class SimulatedWarehouse implements WarehouseApi {
  private readonly stock = new Map<string, number>();
  private overload: { from: number; until: number; dropRate: number } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly random: () => number,
  ) {}

  overloadBetween(from: number, until: number, dropRate: number): void {
    this.overload = { from, until, dropRate };
  }

  reserve(sku: string, quantity: number): Promise<number> {
    const now = this.clock.now();
    const o = this.overload;
    if (o && now >= o.from && now < o.until && this.random() < o.dropRate) {
      return new Promise<number>(() => {}); // the request is lost in the warehouse's queue
    }
    return new Promise<number>((resolve) => {
      this.clock.setTimeout(() => {
        let left = (this.stock.get(sku) ?? RESTOCK_UNITS) - quantity;
        if (left < 0) left = RESTOCK_UNITS; // a delivery arrived
        this.stock.set(sku, left);
        resolve(left);
      }, RESPONSE_MS);
    });
  }
}
