// Replays a day of checkout traffic through the real service code, writing the
// service's pino log to stdout. Run by generateLogs.mjs from a "deployed" copy with
// `node --enable-source-maps`, so stack traces name the deployed .ts paths and lines.
import { parseArgs } from 'node:util';
import { ConnectionPool } from '../src/db/connectionPool';
import { Inventory } from '../src/inventory';
import { createLogger } from '../src/logger';
import { OrderRepository } from '../src/orders/orderRepository';
import { OrderService } from '../src/orders/orderService';
import { SandboxGateway } from '../src/payments/gatewayClient';
import { CheckoutServer } from '../src/server';
import { seededRandom } from './replay/random';
import { SimulatedClock } from './replay/simulatedClock';
import { SimulatedWarehouse } from './replay/simulatedWarehouse';
import { arrivalTimes, checkoutRequest, healthCheck } from './replay/trafficModel';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

interface Deployment {
  server: CheckoutServer;
  inventory: Inventory;
  pool: ConnectionPool;
}

function deploy(release: string, clock: SimulatedClock, warehouse: SimulatedWarehouse): Deployment {
  const logger = createLogger({ clock, release });
  const pool = new ConnectionPool('orders-db.internal', clock);
  const inventory = new Inventory(warehouse, clock, logger);
  const orders = new OrderService({ inventory, gateway: new SandboxGateway(clock), repository: new OrderRepository(pool), clock, logger });
  logger.info({ release }, 'checkout service started');
  return { server: new CheckoutServer({ orders, clock, logger }), inventory, pool };
}

async function replay(end: number, seed: number, requests: number): Promise<void> {
  const start = end - 24 * HOUR_MS;
  const random = seededRandom(seed);
  const clock = new SimulatedClock(start);
  const warehouse = new SimulatedWarehouse(clock, random);
  // The day's incidents: a warehouse overload in the evening peak and a database failover.
  warehouse.overloadBetween(start + 17 * HOUR_MS + 5 * MINUTE_MS, start + 17 * HOUR_MS + 55 * MINUTE_MS, 0.7);
  const releaseAt = start + 6 * HOUR_MS + 12 * MINUTE_MS;
  const failoverAt = start + 20 * HOUR_MS + 30 * MINUTE_MS;
  let current = deploy('1.41.2', clock, warehouse);
  let released = false;
  let failedOver = false;
  let nextSync = start + HOUR_MS;
  let n = 0;
  for (const at of arrivalTimes(random, start, requests)) {
    clock.advanceTo(at);
    if (!released && at >= releaseAt) {
      current = deploy('1.42.0', clock, warehouse);
      released = true;
    }
    if (!failedOver && at >= failoverAt) {
      current.pool.startFailover(12 * MINUTE_MS);
      failedOver = true;
    }
    while (at >= nextSync) {
      current.inventory.recordStockSync(212 + Math.floor(random() * 6), 800 + Math.floor(random() * 900));
      nextSync += HOUR_MS;
    }
    if (random() < 0.05) await current.server.handle(healthCheck());
    await current.server.handle(checkoutRequest(random, clock.now(), ++n, { giftCardLaunch: releaseAt }));
  }
}

const { values } = parseArgs({ options: { end: { type: 'string' }, seed: { type: 'string', default: '20241126' }, requests: { type: 'string', default: '900' } } });
const end = values.end === undefined ? Date.now() : Number(values.end);
replay(end, Number(values.seed), Number(values.requests)).catch((error: unknown) => {
  process.stderr.write(`replay failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
