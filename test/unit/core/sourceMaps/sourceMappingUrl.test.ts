import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeDataUrl, findSourceMappingUrl, parseMapReference } from '../../../../src/core/sourceMaps/sourceMappingUrl';

void test('finds the last sourceMappingURL comment, modern or legacy', () => {
  assert.equal(findSourceMappingUrl('a()\n//# sourceMappingURL=a.js.map\n'), 'a.js.map');
  assert.equal(findSourceMappingUrl('a()\n//@ sourceMappingURL=old.map'), 'old.map');
  assert.equal(findSourceMappingUrl('//# sourceMappingURL=first.map\nb()\n//# sourceMappingURL=second.map\r\n'), 'second.map');
  assert.equal(findSourceMappingUrl('const s = "sourceMappingURL=nope";\n'), undefined);
  assert.equal(findSourceMappingUrl('no comment at all'), undefined);
});

void test('inline maps decode from base64 and percent-encoded data: URLs', () => {
  const json = '{"version":3,"sources":["a.ts"],"mappings":"AAAA"}';
  const base64 = `data:application/json;charset=utf-8;base64,${Buffer.from(json).toString('base64')}`;
  assert.deepEqual(parseMapReference(base64), { kind: 'inline', json });
  assert.equal(decodeDataUrl(`data:application/json,${encodeURIComponent(json)}`), json);
  assert.equal(decodeDataUrl('data:application/json;base64'), undefined);
});

void test('file references are decoded; maps on other hosts are not workspace files', () => {
  assert.deepEqual(parseMapReference('pay%20v2.js.map'), { kind: 'file', url: 'pay v2.js.map' });
  assert.deepEqual(parseMapReference('file:///app/dist/pay.js.map'), { kind: 'file', url: '/app/dist/pay.js.map' });
  assert.equal(parseMapReference('https://cdn.example.com/pay.js.map'), undefined);
});

void test('random text never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 2000 }), (text) => {
      const url = findSourceMappingUrl(`${text}\n//# sourceMappingURL=${text}`);
      if (url !== undefined) parseMapReference(url);
    }),
  );
  // many markers without the comment prefix: each is inspected once, so this returns at once
  assert.equal(findSourceMappingUrl('sourceMappingURL='.repeat(200_000)), undefined);
});
