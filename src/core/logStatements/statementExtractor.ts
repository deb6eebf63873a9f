import type { Language, Node, Parser, Query as QueryType, QueryMatch } from 'web-tree-sitter';
import { candidateRegions, type Region } from './candidateRegions';
import type { CallSite, LanguageSpec } from './languageSpec';
import type { LogStatement } from './logStatement';
import { ReceiverPattern } from './receiverPattern';
import { createParser, Query } from './treeSitterRuntime';

/** Node types along a receiver chain that are not part of its name (arguments, literals). */
const SKIPPED_IN_RECEIVER = /argument|string|literal|integer|number|lambda|closure|block|array|dictionary|object$/;

/** Calls on a logger that return a logger. */
const DERIVING_METHODS = new Set(['child', 'with', 'withfields', 'withfield', 'witherror', 'withcontext', 'withoptions', 'bind', 'new', 'sugar', 'desugar', 'named', 'forcontext', 'l', 's', 'default', 'getchild', 'opt']);
/** Calls that make a logger whatever they are called on. */
const MAKING_METHODS = new Set(['getlogger', 'get_logger', 'createlogger', 'getlog', 'newlogger', 'logger']);

/** Aliases per file: a logger is rarely renamed more often; the bound keeps odd files cheap. */
const MAX_ALIASES = 16;

interface LoadedLanguage {
  spec: LanguageSpec;
  parser: Parser;
  query: QueryType;
  aliasQuery: QueryType | undefined;
}

/** What one file's extraction has found so far. */
interface FileScan {
  file: string;
  bytes: Buffer;
  language: LoadedLanguage;
  /** Variables assigned from a logger in this file. */
  aliases: Set<string>;
  statements: LogStatement[];
  seen: Set<string>;
}

/**
 * Finds the logging statements of one file: skims it for receiver words, parses the
 * candidate regions with tree-sitter and runs the language's call query on them.
 */
export class StatementExtractor {
  private readonly loaded = new Map<string, Promise<LoadedLanguage>>();

  constructor(readonly receivers: ReceiverPattern = new ReceiverPattern()) {}

  /** `source` is the file's UTF-8 bytes (or its text); only candidate slices are ever decoded. */
  async extract(file: string, source: Uint8Array | string, spec: LanguageSpec): Promise<LogStatement[]> {
    const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    const regions = candidateRegions(bytes, this.receivers.needles(), spec.skim);
    if (regions.length === 0) return [];
    const scan: FileScan = { file, bytes, language: await this.load(spec), aliases: new Set(), statements: [], seen: new Set() };
    for (const region of regions) this.extractRegion(scan, region);
    // Second pass: calls on variables that hold a logger under another name (`entry.Infof`, `child.info`).
    const aliases = [...scan.aliases].filter((a) => !this.receivers.matches(a));
    if (aliases.length > 0) for (const region of candidateRegions(bytes, aliases, spec.skim, { wholeWord: true })) this.extractRegion(scan, region);
    return scan.statements.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  private load(spec: LanguageSpec): Promise<LoadedLanguage> {
    let loaded = this.loaded.get(spec.id);
    if (!loaded) {
      loaded = createParser(spec.grammar).then(({ parser, language }: { parser: Parser; language: Language }) => ({
        spec,
        parser,
        query: new Query(language, spec.query),
        aliasQuery: spec.aliasQuery ? new Query(language, spec.aliasQuery) : undefined,
      }));
      this.loaded.set(spec.id, loaded);
    }
    return loaded;
  }

  private extractRegion(scan: FileScan, region: Region): void {
    const { language } = scan;
    const prefix = language.spec.skim.slicePrefix ?? '';
    const tree = language.parser.parse(prefix + scan.bytes.toString('utf8', region.start, region.end));
    if (!tree) return;
    const lineOffset = region.line - countLines(prefix);
    try {
      if (language.aliasQuery) this.collectAliases(language.aliasQuery.matches(tree.rootNode), scan.aliases);
      for (const match of language.query.matches(tree.rootNode)) {
        const statement = this.statementFrom(scan, match, lineOffset);
        if (!statement) continue;
        const key = `${statement.line}:${statement.column}`;
        if (scan.seen.has(key)) continue;
        scan.seen.add(key);
        scan.statements.push(statement);
      }
    } finally {
      tree.delete();
    }
  }

  private isLogger(name: string, aliases: ReadonlySet<string>): boolean {
    return this.receivers.matches(name) || aliases.has(name);
  }

  private collectAliases(matches: QueryMatch[], aliases: Set<string>): void {
    for (const match of matches) {
      const alias = match.captures.find((c) => c.name === 'alias')?.node;
      const value = match.captures.find((c) => c.name === 'value')?.node;
      if (!alias || !value || SKIPPED_IN_RECEIVER.test(value.type)) continue;
      const name = receiverNames(alias).pop();
      if (name && aliases.size < MAX_ALIASES && this.isLoggerValue(value, aliases)) aliases.add(name);
    }
  }

  /**
   * Whether an assigned value is a logger: a logger variable itself (`this.logger`), or a
   * call that derives one from a logger (`logger.child(…)`, `logrus.WithFields(…)`,
   * `zap.L()`, `logger.Sugar()`) or makes one (`getLogger(…)`, `new Logger(…)`).
   * Any other call on a logger returns something else (`logger.isLevelEnabled()`).
   */
  private isLoggerValue(value: Node, aliases: ReadonlySet<string>): boolean {
    const names = receiverNames(value);
    const last = names[names.length - 1];
    if (last === undefined) return false;
    const isCall = /call|invocation|creation|new_expression/.test(value.type);
    if (!isCall) return /identifier|member|attribute|selector|field_access|variable/.test(value.type) && this.isLogger(last, aliases);
    const method = last.toLowerCase();
    if (DERIVING_METHODS.has(method)) return names.slice(0, -1).some((n) => this.isLogger(n, aliases));
    return MAKING_METHODS.has(method) || (value.type.includes('creation') || value.type === 'new_expression' ? this.receivers.matches(last) : false);
  }

  private statementFrom(scan: FileScan, match: QueryMatch, lineOffset: number): LogStatement | undefined {
    const site = callSite(match);
    if (!site || !site.receiverNames.some((n) => this.isLogger(n, scan.aliases))) return undefined;
    const spec = scan.language.spec;
    const described = spec.describe(site);
    if (!described || described.templates.length === 0) return undefined;
    const start = site.call.startPosition;
    const end = site.call.endPosition;
    const statement: LogStatement = {
      file: scan.file,
      line: lineOffset + start.row + 1,
      column: start.column,
      endLine: lineOffset + end.row + 1,
      endColumn: end.column,
      language: spec.id,
      method: site.method,
      templates: described.templates,
    };
    if (described.level) statement.level = described.level;
    return statement;
  }
}

function countLines(s: string): number {
  let n = 0;
  for (let at = s.indexOf('\n'); at >= 0; at = s.indexOf('\n', at + 1)) n++;
  return n;
}

function callSite(match: QueryMatch): CallSite | undefined {
  let call: Node | undefined;
  let receiver: Node | undefined;
  let method: Node | undefined;
  let args: Node | undefined;
  for (const capture of match.captures) {
    if (capture.name === 'call') call = capture.node;
    else if (capture.name === 'recv') receiver = capture.node;
    else if (capture.name === 'method') method = capture.node;
    else if (capture.name === 'args') args = capture.node;
  }
  if (!call || !method) return undefined;
  args ??= call.childForFieldName('arguments') ?? undefined;
  const site: CallSite = {
    call,
    method: method.text,
    receiver,
    receiverNames: receiver ? receiverNames(receiver) : [],
    args: (args?.namedChildren ?? []).map(unwrapArgument),
  };
  const block = call.childForFieldName('block');
  if (block) site.block = block;
  return site;
}

/** C# and PHP wrap each argument in an `argument` node. */
function unwrapArgument(node: Node): Node {
  if (node.type !== 'argument') return node;
  const named = node.namedChildren;
  return named[named.length - 1] ?? node;
}

/** The identifiers along a receiver chain, leaves only, skipping argument lists and literals. */
export function receiverNames(receiver: Node): string[] {
  const out: string[] = [];
  const stack: Node[] = [receiver];
  while (stack.length > 0 && out.length < 16) {
    const node = stack.pop()!;
    if (node !== receiver && SKIPPED_IN_RECEIVER.test(node.type)) continue;
    const children = node.namedChildren;
    if (children.length === 0) out.push(node.text);
    else for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}
