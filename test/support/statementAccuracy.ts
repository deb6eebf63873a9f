import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { normaliseLevel } from '../../src/core/logRecords/jsonRecord';
import { LogStatementIndex } from '../../src/core/logStatements/statementIndex';

/** One record a real program wrote: the message as its library printed it, and where the call was. */
export interface GroundTruth {
  library: string;
  level: string;
  message: string;
  file: string;
  line: number;
}

export interface Accuracy {
  language: string;
  records: number;
  statements: number;
  correct: number;
  wrong: number;
  ambiguous: number;
  unmatched: number;
  precision: number;
  recall: number;
  /** Records not placed on their own call, for diagnosis. */
  misses: { record: GroundTruth; outcome: string }[];
}

export const ACCURACY_FIXTURES = path.join(__dirname, '..', 'fixtures', 'logStatements');

export function fixtureLanguages(): string[] {
  return readdirSync(ACCURACY_FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function readGroundTruth(language: string): GroundTruth[] {
  return readFileSync(path.join(ACCURACY_FIXTURES, language, 'logs.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GroundTruth);
}

/**
 * Indexes `<language>/app` and matches every logged message (level only as a tie-break,
 * no location) back to a statement. Precision: correct placements among all placements;
 * recall: correct placements among all records. A multi-line call counts as correct on
 * any of its lines (runtimes report either the first line or the method's).
 */
export async function measureAccuracy(language: string): Promise<Accuracy> {
  const index = new LogStatementIndex(path.join(ACCURACY_FIXTURES, language, 'app'), { cacheFile: false });
  const stats = await index.build();
  const records = readGroundTruth(language);
  const result: Accuracy = { language, records: records.length, statements: stats.statements, correct: 0, wrong: 0, ambiguous: 0, unmatched: 0, precision: 0, recall: 0, misses: [] };
  for (const record of records) {
    const level = normaliseLevel(record.level === 'fine' ? 'debug' : record.level);
    const outcome = index.match(record.message, level ? { level } : {});
    if (outcome.kind === 'matched') {
      const s = outcome.statement;
      if (s.file === record.file && record.line >= s.line && record.line <= s.endLine) {
        result.correct++;
        continue;
      }
      result.wrong++;
      result.misses.push({ record, outcome: `wrong: ${s.file}:${s.line}` });
    } else {
      result[outcome.kind === 'ambiguous' ? 'ambiguous' : 'unmatched']++;
      result.misses.push({ record, outcome: outcome.kind });
    }
  }
  const placed = result.correct + result.wrong;
  result.precision = placed === 0 ? 0 : result.correct / placed;
  result.recall = records.length === 0 ? 0 : result.correct / records.length;
  return result;
}
