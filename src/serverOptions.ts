/**
 * Node options the language server runs with, shared by the VS Code client that starts it
 * and bench/memory.bench.ts, which measures the server started the same way.
 *
 * With 100k groups the server's live heap is about 120 MB and each poll makes a few MB of
 * garbage that lives across the poll's awaits. V8's defaults (16 MB semi-spaces, an old
 * generation allowed to grow up to 4x its live size before a full GC) then hold 300-600 MB
 * of RSS in a sawtooth. A 2 MB young generation and 20% old-generation growth keep it near
 * the live data (about 260 MB instead of 360-620 MB in that bench) at no measurable cost in
 * ingest time; `--optimize-for-size` kept it lower still but made ingest 2.6x slower.
 * Editors that start dist/server.js themselves (Neovim, Helix) can pass the same options.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=20'];
