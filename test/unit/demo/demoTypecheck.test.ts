// esbuild compiles the demo without type-checking it, and the root tsconfig leaves
// examples/ out, so this is where a type error in the demo service would surface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';

const TSCONFIG = path.resolve(__dirname, '../../../examples/demo/tsconfig.json');

void test('the demo service and its traffic replay type-check under their own strict tsconfig', () => {
  const parsed = ts.getParsedCommandLineOfConfigFile(TSCONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
  assert.ok(parsed, 'examples/demo/tsconfig.json parses');
  assert.ok(parsed.fileNames.some((f) => f.endsWith('src/payments/charge.ts')), 'the service sources are included');
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
  assert.deepEqual(problems, []);
});
