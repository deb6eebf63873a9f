import type { Node } from 'web-tree-sitter';
import { expressionTemplate, type ExpressionRules } from '../expressionTemplate';
import { expandPrintf } from '../formatDirectives';
import type { CallDescription, CallSite, LanguageSpec } from '../languageSpec';
import { levelOfMethod } from '../levels';
import type { Template } from '../logStatement';
import { distinctTemplates } from '../templateBuilder';
import { hasConstantText } from './common';

const QUERY = `
(call
  receiver: (_) @recv
  method: (identifier) @method) @call`;

const RULES: ExpressionRules = {
  stringTypes: new Set(['string']),
  contentTypes: new Set(['string_content']),
  concatOperators: new Set(['+']),
  binaryTypes: new Set(['binary']),
  parenTypes: new Set(['parenthesized_statements']),
  isRaw: (n) => n.text.startsWith("'"),
  special: (node, recurse) => {
    // "… %s" % [a]   and   format("…", a)
    if (node.type === 'binary' && node.childForFieldName('operator')?.type === '%') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type === 'string' && right) {
        const args = right.type === 'array' ? right.namedChildren : [right];
        return expandPrintf(recurse(left), args.map(recurse)).template;
      }
    }
    if (node.type === 'call' && !node.childForFieldName('receiver')) {
      const name = node.childForFieldName('method')?.text;
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      if ((name === 'format' || name === 'sprintf') && args[0]) return expandPrintf(recurse(args[0]), args.slice(1).map(recurse)).template;
    }
    return undefined;
  },
};

/** The message of `logger.info { "…" }`: the block's last expression. */
function blockMessage(block: Node | undefined): Node | undefined {
  const body = block?.namedChildren.find((c) => c.type === 'block_body' || c.type === 'body_statement');
  return body?.namedChildren[body.namedChildren.length - 1];
}

function describe(site: CallSite): CallDescription | undefined {
  const method = levelOfMethod(site.method);
  if (!method || !('level' in method)) return undefined;
  const message = blockMessage(site.block) ?? site.args.find((a) => a.type !== 'comment');
  if (!message) return undefined;
  const out: Template[] = [expressionTemplate(message, RULES)];
  return { level: method.level, templates: distinctTemplates(out.filter(hasConstantText)) };
}

export const RUBY: LanguageSpec = {
  id: 'ruby',
  grammar: 'ruby',
  extensions: ['.rb'],
  query: QUERY,
  aliasQuery: '(assignment left: (_) @alias right: (_) @value)',
  skim: { lineComments: ['#'], blockComments: false, multilineQuotes: '', tripleQuotes: false },
  describe,
};
