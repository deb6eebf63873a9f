import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseOpsLensConfig } from '../../../../src/core/config/opslensConfig';
import { loadServiceCatalog } from '../../../../src/core/services/loadServiceCatalog';
import { ServiceCatalog } from '../../../../src/core/services/serviceCatalog';
import { loadServiceContext } from '../../../../src/core/services/serviceContext';
import { walkWorkspace } from '../../../../src/core/workspace/walkWorkspace';

const root = path.join(__dirname, '../../../fixtures/services/monorepo');
const expected = JSON.parse(readFileSync(path.join(root, '../monorepo.expected.json'), 'utf8')) as {
  owners: Record<string, string | null>;
  services: Record<string, Record<string, unknown>>;
  problems: { file: string; line: number }[];
};

async function load() {
  const config = parseOpsLensConfig(readFileSync(path.join(root, '.opslens.yaml'), 'utf8'));
  return loadServiceCatalog(root, config.services, await walkWorkspace(root));
}

void test('the nearest catalog file or configured root above a file decides its service', async () => {
  const { catalog } = await load();
  for (const [file, service] of Object.entries(expected.owners)) {
    assert.equal(catalog.serviceForFile(file)?.name ?? null, service, file);
  }
});

void test('config services and catalog components merge by name', async () => {
  const { catalog } = await load();
  assert.deepEqual(catalog.services().map((s) => s.name).sort(), Object.keys(expected.services).sort());
  for (const [name, want] of Object.entries(expected.services)) {
    const got = catalog.get(name)!;
    for (const [key, value] of Object.entries(want)) {
      const actual = key === 'runbooks' ? got.runbooks.map((r) => ({ title: r.title, url: r.url })) : got[key as keyof typeof got];
      assert.deepEqual(actual, value, `${name}.${key}`);
    }
  }
  // The config's pagerduty id wins over the catalog annotation; the annotations are all kept.
  assert.equal(catalog.get('checkout')!.annotations['pagerduty.com/service-id'], 'PCHK42');
  assert.deepEqual(catalog.get('payments')!.pathMappings, [{ from: '/app/', to: 'services/payments/' }]);
});

void test('problems in catalog files are reported with file and line, not thrown', async () => {
  const { problems } = await load();
  assert.deepEqual(
    problems.map((p) => ({ file: p.file, line: p.line })),
    expected.problems,
  );
});

void test('a configured service without root covers the workspace, below nearer declarations', () => {
  const catalog = new ServiceCatalog(
    [{ name: 'monolith', root: '', pathMappings: [], runbooks: [] }],
    [{ path: 'plugins/billing/catalog-info.yaml', components: [{ name: 'billing', annotations: {}, links: [] }] }],
  );
  assert.equal(catalog.serviceForFile('src/app.ts')?.name, 'monolith');
  assert.equal(catalog.serviceForFile('top.ts')?.name, 'monolith');
  assert.equal(catalog.serviceForFile('plugins/billing/x/y.ts')?.name, 'billing');
  assert.equal(catalog.serviceForFile('plugins/billingx/y.ts')?.name, 'monolith');
});

void test('the first declaration of a folder wins and catalog files are read in path order', () => {
  const catalog = new ServiceCatalog(
    [{ name: 'api', root: 'svc', pathMappings: [], runbooks: [] }],
    [
      { path: 'svc/catalog-info.yaml', components: [{ name: 'other', annotations: {}, links: [] }, { name: 'third', annotations: {}, links: [] }] },
      { path: 'catalog-info.yaml', components: [{ name: 'root-component', annotations: {}, links: [] }] },
    ],
  );
  assert.equal(catalog.serviceForFile('svc/a.ts')?.name, 'api');
  assert.equal(catalog.serviceForFile('lib/a.ts')?.name, 'root-component');
  assert.equal(catalog.get('third')?.root, 'svc');
});

void test('with no services nothing owns a file', () => {
  assert.equal(new ServiceCatalog().serviceForFile('a/b.ts'), undefined);
});

void test('oversized catalog files and runbooks are reported and skipped, never read whole', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-big-'));
  mkdirSync(path.join(dir, 'svc/docs/runbooks'), { recursive: true });
  writeFileSync(path.join(dir, 'svc/catalog-info.yaml'), `kind: Component\nmetadata: { name: big }\n#${'x'.repeat(2 * 1024 * 1024)}\n`);
  writeFileSync(path.join(dir, 'svc/docs/runbooks/huge.md'), `---\nalerts: [A]\n---\n${'y'.repeat(1024 * 1024)}`);
  const { catalog, runbooks, problems } = await loadServiceContext(dir, { services: [], sources: [], windowMs: 1 }, await walkWorkspace(dir));
  assert.deepEqual(catalog.services(), []);
  assert.deepEqual(problems.map((p) => [p.file, /larger than/.test(p.problem)]), [
    ['svc/catalog-info.yaml', true],
    ['svc/docs/runbooks/huge.md', true],
  ]);
  assert.deepEqual(runbooks.all().map((r) => [r.title, r.alerts]), [['huge', []]]);
});
