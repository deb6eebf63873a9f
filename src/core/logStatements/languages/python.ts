import type { Node } from 'web-tree-sitter';
import { expressionTemplate, type ExpressionRules } from '../expressionTemplate';
import { expandBraces, expandPrintf } from '../formatDirectives';
import type { CallDescription, CallSite, LanguageSpec } from '../languageSpec';
import { levelFromArgumentText, levelOfMethod } from '../levels';
import type { Template } from '../logStatement';
import { describedCall } from './common';

const QUERY = `
(call
  function: (attribute object: (_) @recv attribute: (identifier) @method)
  arguments: (argument_list) @args) @call`;

function isRawString(node: Node): boolean {
  const prefix = node.firstChild?.text ?? '';
  return /r/i.test(prefix);
}

function isFString(node: Node): boolean {
  return /f/i.test(node.firstChild?.text ?? '');
}

const RULES: ExpressionRules = {
  stringTypes: new Set(['string', 'concatenated_string']),
  contentTypes: new Set(['string_content']),
  delimiterTypes: new Set(['string_start', 'string_end']),
  concatOperators: new Set(['+']),
  binaryTypes: new Set(['binary_operator']),
  parenTypes: new Set(['parenthesized_expression']),
  isRaw: isRawString,
  special: (node, recurse) => percentOperator(node, recurse) ?? formatMethod(node, recurse) ?? fStringBraces(node, recurse),
};

/** `"… %s" % (a, b)` */
function percentOperator(node: Node, recurse: (n: Node) => Template): Template | undefined {
  if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.type !== '%') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right || !RULES.stringTypes.has(left.type)) return undefined;
  const args = right.type === 'tuple' ? right.namedChildren : [right];
  return expandPrintf(recurse(left), args.map(recurse), { mappingKeys: true }).template;
}

/** `"… {}".format(a)` */
function formatMethod(node: Node, recurse: (n: Node) => Template): Template | undefined {
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return undefined;
  const target = fn.childForFieldName('object');
  if (!target || !RULES.stringTypes.has(target.type)) return undefined;
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'keyword_argument');
  return expandBraces(recurse(target), args.map(recurse), 'python').template;
}

/** f-strings write `{{` as `{`; the grammar keeps the doubled braces in the content. */
function fStringBraces(node: Node, recurse: (n: Node) => Template): Template | undefined {
  if (node.type !== 'string' || !isFString(node) || !node.text.includes('{{') && !node.text.includes('}}')) return undefined;
  const inner = expressionTemplate(node, { ...RULES, special: undefined });
  void recurse;
  return { constants: inner.constants.map((c) => c.split('{{').join('{').split('}}').join('}')), holes: inner.holes };
}

function describe(site: CallSite): CallDescription | undefined {
  const method = levelOfMethod(site.method);
  if (!method) return undefined;
  let positional = site.args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment' && a.type !== 'dictionary_splat');
  const hasKeywords = site.args.some((a) => a.type === 'keyword_argument' || a.type === 'dictionary_splat');
  let level = 'level' in method ? method.level : undefined;
  if ('dynamic' in method) {
    const first = positional[0];
    level = first ? levelFromArgumentText(first.text) : undefined;
    if (!level) return undefined;
    positional = positional.slice(1);
  }
  const [first, ...rest] = positional;
  if (!first) return undefined;
  const format = expressionTemplate(first, RULES);
  const args = rest.filter((a) => a.type !== 'list_splat').map((a) => expressionTemplate(a, RULES));
  const hasArgs = rest.length > 0;
  // logging formats with % only when given arguments; loguru with str.format (positional or keyword); structlog keeps the event as is.
  const out: Template[] = [format];
  if (hasArgs) out.push(expandPrintf(format, args, { mappingKeys: true }).template);
  if (hasArgs || hasKeywords) out.push(expandBraces(format, args, 'python').template);
  return describedCall(out, level);
}

export const PYTHON: LanguageSpec = {
  id: 'python',
  grammar: 'python',
  extensions: ['.py'],
  query: QUERY,
  aliasQuery: '(assignment left: (_) @alias right: (_) @value)',
  skim: { lineComments: ['#'], blockComments: false, multilineQuotes: '', tripleQuotes: true },
  describe,
};
