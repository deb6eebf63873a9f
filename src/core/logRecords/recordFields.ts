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
  File,
  Line,
  Function,
  Namespace,
  /** `file:line` in one value: zap and pino-caller `caller`, logrus `file`. */
  Caller,
}

export const SLOT_COUNT = Slot.Caller + 1;

/** Per slot: keys in order of preference (index = rank). */
const PREFERENCE: Record<Slot, string[]> = {
  [Slot.Time]: ['timeUnixNano', '@timestamp', 'timestamp', 'time', 'ts', '@t', 'asctime', 'created', 'datetime', 'observedTimeUnixNano'],
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
  ],
  [Slot.File]: ['code.file.path', 'code.filepath', 'log.origin.file.name', 'caller_file_name', 'pathname', 'src.file', 'filename'],
  [Slot.Line]: ['code.line.number', 'code.lineno', 'log.origin.file.line', 'caller_line_number', 'lineno', 'src.line'],
  [Slot.Function]: ['code.function.name', 'code.function', 'log.origin.function', 'caller_method_name', 'funcName', 'func_name', 'src.func', 'func', 'function'],
  [Slot.Namespace]: ['code.namespace', 'caller_class_name'],
  [Slot.Caller]: ['caller', 'file'],
};

interface Alias {
  slot: Slot;
  rank: number;
}

const ALIASES = new Map<string, Alias>();
/** Dotted prefixes of known keys (`log`, `log.origin`, `service`…): objects under them are walked. */
const PREFIXES = new Set<string>();
/** Maps whose keys are already attribute names: OTel `attributes` and `resource`. */
const TRANSPARENT = new Set(['attributes', 'resource', 'resource.attributes']);

for (const [slotKey, keys] of Object.entries(PREFERENCE)) {
  keys.forEach((key, rank) => {
    ALIASES.set(key, { slot: Number(slotKey) as Slot, rank });
    for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) PREFIXES.add(key.slice(0, dot));
  });
}

const MAX_DEPTH = 4;

/** The values a record holds for each slot (undefined where none), best-ranked first found. */
export class RecordFields {
  readonly values: unknown[] = new Array<unknown>(SLOT_COUNT);
  private readonly ranks: number[] = new Array<number>(SLOT_COUNT).fill(Number.MAX_SAFE_INTEGER);

  static of(record: Record<string, unknown>): RecordFields {
    const fields = new RecordFields();
    fields.walk(record, '', 0);
    return fields;
  }

  get(slot: Slot): unknown {
    return this.values[slot];
  }

  private walk(object: Record<string, unknown>, prefix: string, depth: number): void {
    for (const key in object) {
      const value = object[key];
      const path = prefix === '' ? key : prefix + '.' + key;
      if (value !== null && typeof value === 'object') {
        if (depth >= MAX_DEPTH || Array.isArray(value)) continue;
        if (TRANSPARENT.has(path)) this.walk(value as Record<string, unknown>, '', depth + 1);
        else if (PREFIXES.has(path)) this.walk(value as Record<string, unknown>, path, depth + 1);
        continue;
      }
      const alias = ALIASES.get(path);
      if (alias && value !== undefined && value !== '' && alias.rank < this.ranks[alias.slot]!) {
        this.values[alias.slot] = value;
        this.ranks[alias.slot] = alias.rank;
      }
    }
  }
}
