import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enclosingFunction, findFunctions } from '../../../../src/core/codeStructure/functionRanges';

const TS = `import pino from 'pino';
const log = pino();

export async function checkout(cart: Cart) {
  for (const item of cart.items) {
    items.forEach((x) => {
      log.warn('reserving %s', x);
    });
  }
  throw new TypeError('boom');
}

export const refund = async (id: string) => {
  log.info('refund %s', id);
};

class Orders {
  place(order: Order) {
    return save(order);
  }
}
`;

void test('TypeScript functions, arrow functions named by their variable, and methods', async () => {
  const functions = await findFunctions('src/checkout.ts', TS);
  assert.ok(functions);
  const names = functions.map((f) => `${f.name}:${f.startLine}-${f.endLine}`);
  assert.ok(names.includes('checkout:4-11'), names.join(' '));
  assert.ok(names.includes('refund:13-15'), names.join(' '));
  assert.ok(names.includes('place:18-20'), names.join(' '));
});

void test('a line inside an inline callback belongs to the named function around it', async () => {
  const functions = (await findFunctions('src/checkout.ts', TS))!;
  assert.equal(enclosingFunction(functions, 7)?.name, 'checkout');
  assert.equal(enclosingFunction(functions, 10)?.name, 'checkout');
  assert.equal(enclosingFunction(functions, 14)?.name, 'refund');
  assert.equal(enclosingFunction(functions, 2), undefined);
});

void test('Python and Go functions; files no grammar covers give undefined', async () => {
  const py = (await findFunctions('app.py', 'import logging\n\ndef charge(x):\n    logging.error("x")\n    return x\n'))!;
  assert.deepEqual(py, [{ name: 'charge', startLine: 3, endLine: 5 }]);
  const go = (await findFunctions('main.go', 'package main\n\nfunc handle() {\n\tpanic("x")\n}\n'))!;
  assert.deepEqual(go, [{ name: 'handle', startLine: 3, endLine: 5 }]);
  assert.equal(await findFunctions('notes.txt', 'hello'), undefined);
});
