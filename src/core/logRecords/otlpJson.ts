/**
 * OTLP/JSON log export requests (what the OpenTelemetry Collector's file exporter writes,
 * one request per line): `resourceLogs[].resource.attributes`, `scopeLogs[].scope`,
 * `logRecords[]` with `KeyValue` attribute lists and `AnyValue` bodies. Each log record is
 * flattened into a plain record with OTel attribute names, which `recordFields` reads.
 */

const MAX_RECORDS_PER_REQUEST = 10_000;

export function expandOtlpLogs(resourceLogs: unknown[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const resourceLog of resourceLogs) {
    if (!isObject(resourceLog)) continue;
    const resource = isObject(resourceLog.resource) ? keyValues(resourceLog.resource.attributes) : {};
    for (const scopeLog of arrayOf(resourceLog.scopeLogs ?? resourceLog.instrumentationLibraryLogs)) {
      if (!isObject(scopeLog)) continue;
      const scope = isObject(scopeLog.scope) ? scopeLog.scope : isObject(scopeLog.instrumentationLibrary) ? scopeLog.instrumentationLibrary : {};
      for (const logRecord of arrayOf(scopeLog.logRecords)) {
        if (!isObject(logRecord) || out.length >= MAX_RECORDS_PER_REQUEST) continue;
        out.push(flatten(logRecord, resource, scope));
      }
    }
  }
  return out;
}

function flatten(logRecord: Record<string, unknown>, resource: Record<string, unknown>, scope: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = { ...resource, ...keyValues(logRecord.attributes) };
  if (typeof scope.name === 'string') record['scope.name'] = scope.name;
  for (const key of ['timeUnixNano', 'observedTimeUnixNano', 'severityNumber', 'severityText'] as const) {
    if (logRecord[key] !== undefined) record[key] = logRecord[key];
  }
  const body = anyValue(logRecord.body);
  if (body !== undefined) record.body = typeof body === 'object' ? JSON.stringify(body) : body;
  return record;
}

/** `[{ key, value: AnyValue }]` → `{ key: value }`. */
function keyValues(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of arrayOf(list)) {
    if (isObject(item) && typeof item.key === 'string') out[item.key] = anyValue(item.value);
  }
  return out;
}

/** An OTLP `AnyValue` → a plain value (`intValue` comes as a string in OTLP/JSON: read as a number). */
function anyValue(value: unknown): unknown {
  if (!isObject(value)) return value;
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('boolValue' in value) return value.boolValue;
  if (isObject(value.arrayValue)) return arrayOf(value.arrayValue.values).map(anyValue);
  if (isObject(value.kvlistValue)) return keyValues(value.kvlistValue.values);
  return undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
