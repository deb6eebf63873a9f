import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config/opslensConfig';
import { parseDuration } from '../core/duration';
import { ChangedSinceError } from '../core/report/changedLines';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import { runMcpServer } from './mcpServer';
import { sarifText } from './sarifOutput';
import { version as VERSION } from '../../package.json';
import { formatText, scanWorkspace } from './scan';

const USAGE = `usage: opslens scan [DIR] [--since 24h] [--format text|json|sarif] [--config FILE] [--changed-since REV]
       opslens mcp [DIR] [--since 24h] [--config FILE]

Prints every annotation the editor would show for the workspace DIR (default: .).
  --since DURATION   time window, e.g. 30m, 24h, 7d (default: the config's window, or 24h)
  --format FORMAT    text (default), json, or sarif
  --config FILE      a config file other than DIR/.opslens.yaml
  --changed-since REV  only annotations on lines changed since the git revision REV
                     (committed and uncommitted changes, e.g. origin/main in a pull request)

opslens mcp serves the same data to AI agents as Model Context Protocol tools over stdio
(production errors of a file or function, recent log lines of a statement, incidents and runbooks).

Exit status: 0 with the annotations printed (even when some sources failed: see stderr),
2 on bad usage or an invalid config, 1 on any other failure.

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
    if (error instanceof ChangedSinceError) {
      err(`opslens: --changed-since: ${error.reason}`);
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
  if (command === 'mcp') return mcp(rest, err);
  if (command !== 'scan') throw new UsageError(`unknown command "${command}"`);
  const { values, positionals } = parse(rest, { format: { type: 'string', default: 'text' }, 'changed-since': { type: 'string' } });
  if (positionals.length > 1) throw new UsageError('scan takes one folder');
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const sinceMs = since(values.since);
  const scanOptions: Parameters<typeof scanWorkspace>[0] = { dir: positionals[0] ?? '.' };
  if (sinceMs !== undefined) scanOptions.sinceMs = sinceMs;
  if (values.config !== undefined) scanOptions.configFile = values.config;
  if (values['changed-since'] !== undefined) scanOptions.changedSince = values['changed-since'];
  await checkPaths(scanOptions.dir, values.config);
  const result = await scanWorkspace(scanOptions);
  // Warnings and failure reasons may quote backend text (incident titles, error bodies): no escape sequences reach the terminal.
  for (const warning of result.warnings) err(`opslens: warning: ${sanitisePlainText(warning, 2000)}`);
  for (const failure of result.failures) err(`opslens: source ${failure.source}: ${sanitisePlainText(failure.reason, 2000)}`);
  if (format === 'json') out(JSON.stringify(result.annotations, null, 2));
  else if (format === 'sarif') out(await sarifText(scanOptions.dir, result.annotations));
  else out(formatText(result.annotations));
  return 0;
}

type ExtraOptions = Record<string, { type: 'string'; default?: string }>;

/** Parses the options every command takes (--since, --config) and the command's own. */
function parse(args: string[], extra: ExtraOptions): { values: Record<string, string | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { since: { type: 'string' }, config: { type: 'string' }, ...extra } });
    return { values: values as Record<string, string | undefined>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function since(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new UsageError(`--since takes a duration such as 24h or 30d, not "${value}"`);
  return ms;
}

/** `opslens mcp [DIR]`: serves until the client closes stdin. Only the protocol goes to stdout. */
async function mcp(args: string[], err: (text: string) => void): Promise<number> {
  const { values, positionals } = parse(args, {});
  if (positionals.length > 1) throw new UsageError('mcp takes one folder');
  const dir = positionals[0] ?? '.';
  const config = values.config;
  await checkPaths(dir, config);
  const options: Parameters<typeof runMcpServer>[0] = { dir, log: err, version: VERSION };
  const sinceMs = since(values.since);
  if (sinceMs !== undefined) options.sinceMs = sinceMs;
  if (config !== undefined) options.configFile = config;
  await runMcpServer(options);
  return 0;
}

/** A missing folder or config file is a usage error (exit 2), said in words. */
async function checkPaths(dir: string, configFile: string | undefined): Promise<void> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`"${dir}" is not a folder`);
  if (configFile !== undefined) {
    const config = await fs.stat(configFile).catch(() => undefined);
    if (!config?.isFile()) throw new UsageError(`--config: cannot read "${configFile}"`);
  }
}
