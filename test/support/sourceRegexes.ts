// Every regular expression written in src/: regex literals, `new RegExp('…')` and `RegExp('…')`,
// and string patterns given to `.match`, `.matchAll` or `.search` (which compile them as
// regexes), found with the TypeScript parser (not by matching text), with file and line.
// A pattern that is not a literal is reported as `<dynamic>`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

const STRING_TO_REGEX = new Set(['match', 'matchAll', 'search']);

function isStringPattern(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
}

function literalPattern(node: ts.Node | undefined): { source: string } {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? { source: node.text } : { source: '<dynamic>' };
}

/** Files under src/ that are not TypeScript: the scan would miss their regexes. */
export function nonTypeScriptSources(root: string): string[] {
  return filesUnder(path.join(root, 'src'))
    .filter((f) => !f.endsWith('.ts'))
    .map((f) => path.relative(root, f));
}

export function sourceRegexes(root: string): SourceRegex[] {
  const out: SourceRegex[] = [];
  for (const file of filesUnder(path.join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const end = literal.lastIndexOf('/');
        out.push({ file: rel, line: at(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [pattern, flags] = node.arguments ?? [];
        out.push({ file: rel, line: at(node), ...literalPattern(pattern), flags: flags && ts.isStringLiteral(flags) ? flags.text : '' });
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && STRING_TO_REGEX.has(node.expression.name.text)) {
        // `text.match('a+')` compiles its string as a regex; a variable may be a regex or not, so only literals count.
        const [pattern] = node.arguments;
        if (pattern && isStringPattern(pattern)) out.push({ file: rel, line: at(node), ...literalPattern(pattern), flags: '' });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}
