import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseOpsLensConfig, DEFAULT_WINDOW_MS, type OpsLensConfig } from '../config/opslensConfig';
import { FileIndex } from './fileIndex';
import { walkWorkspace } from './walkWorkspace';

export const CONFIG_FILE = '.opslens.yaml';

/** Reads `.opslens.yaml` from a folder (or the given file); an absent file is an empty config. Throws ConfigError. */
export async function loadConfig(root: string, configFile?: string): Promise<{ config: OpsLensConfig; file?: string }> {
  const file = configFile ? path.resolve(configFile) : path.join(root, CONFIG_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (cause) {
    if (!configFile && (cause as NodeJS.ErrnoException).code === 'ENOENT') {
      return { config: { services: [], sources: [], windowMs: DEFAULT_WINDOW_MS } };
    }
    throw cause;
  }
  return { config: parseOpsLensConfig(text, path.relative(process.cwd(), file) || file), file };
}

export async function buildFileIndex(root: string, exclude: string[] = []): Promise<FileIndex> {
  return new FileIndex(await walkWorkspace(root, { exclude }));
}
