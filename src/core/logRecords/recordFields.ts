/**
 * Where each log library puts each field. One table maps every known key (flat and dotted,
 * OpenTelemetry stable and deprecated names, each library's own) to the slot it fills and a
 * rank: when a record carries several keys for one slot, the lowest rank wins. Records are
 * walked key by key once, so the cost is linear in the record's size, not in the table's.
 */

export enum Slot {
  Time,
  Level,
  SeverityNumber,
  Message,
  Logger,
  Service,
  Version,
  Revision,
  Environment,
  ErrorType,
  ErrorMessage,
  ErrorStack,
  FilePath,
  Line,
  FunctionName,
  Namespace,
  /** `file:line` in one value: zap and pino-caller `caller`, logrus `file`. */
  Caller,
}

export const SLOT_COUNT = Slot.Caller + 1;

/** Per slot: keys in order of preference (index = rank). */
const PREFERENCE: Record<Slot, string[]> = {
  [Slot.Time]: ['timeUnixNano', '@timestamp', 'timestamp', 'time', 'ts', '@t', 'asctime', 'created', 'datetime', 'timeMillis', 'observedTimeUnixNano'],
  [Slot.Level]: ['log.level', 'level', 'levelname', 'severityText', 'severity_text', 'severity', '@l', 'lvl', 'loglevel'],
  [Slot.SeverityNumber]: ['severityNumber', 'severity_number'],
  // structlog's `event` comes last: ECS uses `event` for an object, which never fills a text slot.
  [Slot.Message]: ['msg', 'message', '@m', 'body', 'short_message', 'event', '@mt'],
  [Slot.Logger]: ['logger', 'logger_name', 'loggerName', 'log.logger', 'scope.name', 'name'],
  [Slot.Service]: ['service.name', 'service'],
  [Slot.Version]: ['service.version', 'release', 'version'],
  [Slot.Revision]: ['vcs.ref.head.revision', 'git.commit', 'git.commit.id', 'git.commit.sha'],
  [Slot.Environment]: ['deployment.environment.name', 'deployment.environment', 'service.environment', 'environment', 'env'],
  [Slot.ErrorType]: ['exception.type', 'error.type', 'err.type', 'err.name', 'error.name', 'error.kind', 'thrown.name'],
  [Slot.ErrorMessage]: ['exception.message', 'error.message', 'err.message', 'thrown.message', 'error', 'err'],
  [Slot.ErrorStack]: [
    'exception.stacktrace',
    'error.stack_trace',
    'error.stacktrace',
    'error.stack',
    'err.stack',
    'stack_trace',
    'stacktrace',
    'stack',
    'exc_info',
    'exception',
    '@x',
    'thrown.extendedStackTrace',
  ],
  [Slot.FilePath]: ['code.file.path', 'code.filepath', 'log.origin.file.name', 'caller_file_name', 'pathname', 'src.file', 'source.file', 'filename'],
  [Slot.Line]: ['code.line.number', 'code.lineno', 'log.origin.file.line', 'caller_line_number', 'lineno', 'src.line', 'source.line'],
  [Slot.FunctionName]: ['code.function.name', 'code.function', 'log.origin.function', 'caller_method_name', 'funcName', 'func_name', 'src.func', 'source.method', 'func', 'function'],
  [Slot.Namespace]: ['code.namespace', 'caller_class_name', 'source.class'],
  [Slot.Caller]: ['caller', 'file'],
};

interface Alias {
  slot: Slot;
  rank: number;
}

/**
 * The table as a trie over key segments, so nested objects (`{"service":{"name":…}}`),
 * flat dotted keys (`"service.name"`) and mixes (`{"log":{"origin.file.name":…}}`) are all
 * found without building a dotted path per key.
 */
interface KeyNode {
  aliases: Map<string, Alias>;
  children: Map<string, KeyNode>;
}

const newNode = (): KeyNode => ({ aliases: new Map(), children: new Map() });
const ROOT = newNode();

for (const [slotKey, keys] of Object.entries(PREFERENCE)) {
  keys.forEach((key, rank) => {
    const segments = key.split('.');
    let node = ROOT;
    for (let i = 0; i < segments.length; i++) {
      node.aliases.set(segments.slice(i).join('.'), { slot: Number(slotKey) as Slot, rank });
      const segment = segments[i]!;
      if (i === segments.length - 1) break;
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = newNode()));
      node = child;
    }
  });
}
// OTel `attributes` and `resource` (and `resource.attributes`) hold attribute names as they are.
ROOT.children.set('attributes', ROOT);
ROOT.children.set('resource', ROOT);

const MAX_DEPTH = 4;

/** The values a record holds for each slot (undefined where none), best-ranked first found. */
export class RecordFields {
  private readonly values: unknown[] = new Array<unknown>(SLOT_COUNT).fill(undefined);
  private readonly ranks = new Int32Array(SLOT_COUNT);
  /** A slot holds a value of the current record only when its stamp is the current generation: nothing is cleared between records. */
  private readonly stamps = new Int32Array(SLOT_COUNT);
  private generation = 0;

  /**
   * Reads a record into the one shared instance: mapping is synchronous and every caller
   * reads the slots before mapping the next record, so no allocation per record is needed.
   */
  static of(record: Record<string, unknown>): RecordFields {
    const fields = SHARED;
    fields.generation = (fields.generation + 1) | 0 || 1;
    fields.walk(record, ROOT, 0);
    return fields;
  }

  get(slot: Slot): unknown {
    return this.stamps[slot] === this.generation ? this.values[slot] : undefined;
  }

  private walk(object: Record<string, unknown>, node: KeyNode, depth: number): void {
    for (const key in object) {
      const value = object[key];
      if (value !== null && typeof value === 'object') {
        const child = node.children.get(key);
        if (child && depth < MAX_DEPTH && !Array.isArray(value)) this.walk(value as Record<string, unknown>, child, depth + 1);
        continue;
      }
      const alias = node.aliases.get(key);
      if (alias === undefined || value === undefined || value === '') continue;
      const slot = alias.slot;
      if (this.stamps[slot] !== this.generation || alias.rank < this.ranks[slot]!) {
        this.values[slot] = value;
        this.ranks[slot] = alias.rank;
        this.stamps[slot] = this.generation;
      }
    }
  }
}

const SHARED = new RecordFields();
