import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config/opslensConfig';
import { parseDuration } from '../core/duration';
import { formatText, scanWorkspace } from './scan';

const USAGE = `usage: opslens scan [DIR] [--since 24h] [--format text|json|sarif] [--config FILE]

Prints every annotation the editor would show for the workspace DIR (default: .).
  --since DURATION   time window, e.g. 30m, 24h, 7d (default: the config's window, or 24h)
  --format FORMAT    text (default), json, or sarif
  --config FILE      a config file other than DIR/.opslens.yaml

Credentials come from environment variables: OPSLENS_<SOURCE NAME>_TOKEN (and _USER for basic auth).`;

class UsageError extends Error {}

/** Runs the CLI; returns the process exit code (0 ok, 1 failure, 2 bad usage or config). */
export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    return await run(argv, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`opslens: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      err(`opslens: invalid config: ${error.message}`);
      return 2;
    }
    err(`opslens: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function run(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'scan') throw new UsageError(`unknown command "${command}"`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { since: { type: 'string' }, format: { type: 'string', default: 'text' }, config: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('scan takes one folder');
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  let sinceMs: number | undefined;
  if (values.since !== undefined) {
    sinceMs = parseDuration(values.since);
    if (sinceMs === undefined || sinceMs <= 0) throw new UsageError(`--since takes a duration such as 24h or 30d, not "${values.since}"`);
  }
  const scanOptions: Parameters<typeof scanWorkspace>[0] = { dir: positionals[0] ?? '.' };
  if (sinceMs !== undefined) scanOptions.sinceMs = sinceMs;
  if (values.config !== undefined) scanOptions.configFile = values.config;
  const result = await scanWorkspace(scanOptions);
  for (const failure of result.failures) err(`opslens: source ${failure.source}: ${failure.reason}`);
  if (format === 'json') out(JSON.stringify(result.annotations, null, 2));
  else if (format === 'sarif') throw new UsageError('--format sarif is not available yet');
  else out(formatText(result.annotations));
  return 0;
}
