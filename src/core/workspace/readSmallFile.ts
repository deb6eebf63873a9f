import { promises as fs } from 'node:fs';

/**
 * Reads a UTF-8 text file of at most `maxBytes`; a larger file is an error saying
 * so. Catalog files and runbooks come from the repository, which is not
 * necessarily trusted: a huge one must not stall the language server.
 */
export async function readSmallFile(file: string, maxBytes: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new Error(`larger than ${Math.round(maxBytes / 1024)} KB (${Math.round(size / 1024)} KB): skipped`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
