// Waits, on file-system events rather than a timer loop, until some file under `dir` whose name
// passes `nameFilter` has content that `parse` turns into a value.
import { existsSync, mkdirSync, readdirSync, readFileSync, watch } from 'node:fs';
import path from 'node:path';

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

export function waitForFileContent(dir, nameFilter, parse, timeoutMs = 30_000) {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  return new Promise((resolve, reject) => {
    const check = () => {
      for (const file of filesUnder(dir)) {
        if (!nameFilter(path.basename(file))) continue;
        const value = parse(readFileSync(file, 'utf8'));
        if (value !== undefined) return finish(() => resolve({ file, value }));
      }
    };
    const watcher = watch(dir, { recursive: true }, check);
    const timer = setTimeout(() => finish(() => reject(new Error(`no matching file under ${dir} after ${timeoutMs} ms`))), timeoutMs);
    const finish = (settle) => {
      watcher.close();
      clearTimeout(timer);
      settle();
    };
    check();
  });
}
