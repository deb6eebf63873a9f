import { expressionTemplate, type ExpressionRules } from '../expressionTemplate';
import { expandBraces, expandPrintf } from '../formatDirectives';
import type { CallDescription, CallSite, LanguageSpec } from '../languageSpec';
import { levelFromArgumentText, levelOfMethod } from '../levels';
import type { Template } from '../logStatement';
import { describedCall } from './common';

const QUERY = `
(member_call_expression object: (_) @recv name: (name) @method arguments: (arguments) @args) @call
(nullsafe_member_call_expression object: (_) @recv name: (name) @method arguments: (arguments) @args) @call
(scoped_call_expression scope: (_) @recv name: (name) @method arguments: (arguments) @args) @call`;

const RULES: ExpressionRules = {
  stringTypes: new Set(['string', 'encapsed_string']),
  contentTypes: new Set(['string_content', 'string_value']),
  concatOperators: new Set(['.']),
  binaryTypes: new Set(['binary_expression']),
  parenTypes: new Set(['parenthesized_expression']),
  isRaw: (n) => n.type === 'string',
  special: (node, recurse) => {
    if (node.type !== 'function_call_expression') return undefined;
    const name = node.childForFieldName('function')?.text;
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).map((a) => a.namedChildren[0] ?? a);
    if ((name === 'sprintf' || name === '\\sprintf') && args[0]) return expandPrintf(recurse(args[0]), args.slice(1).map(recurse)).template;
    return undefined;
  },
};

function describe(site: CallSite): CallDescription | undefined {
  const method = levelOfMethod(site.method);
  if (!method) return undefined;
  let args = site.args;
  let level = 'level' in method ? method.level : undefined;
  if ('dynamic' in method) {
    // PSR-3: $logger->log(LogLevel::WARNING, 'message', $context)
    level = args[0] ? levelFromArgumentText(args[0].text) : undefined;
    if (!level) return undefined;
    args = args.slice(1);
  }
  const first = args[0];
  if (!first) return undefined;
  const format = expressionTemplate(first, RULES);
  // PSR-3 placeholders `{name}` are replaced from the context when a processor interpolates them.
  const out: Template[] = [format, expandBraces(format, [], 'named').template];
  return describedCall(out, level);
}

export const PHP: LanguageSpec = {
  id: 'php',
  grammar: 'php',
  extensions: ['.php'],
  query: QUERY,
  aliasQuery: '(assignment_expression left: (_) @alias right: (_) @value)',
  skim: { lineComments: ['//', '#'], blockComments: true, multilineQuotes: '', tripleQuotes: false, slicePrefix: '<?php\n' },
  describe,
};
