/**
 * A loopback HTTP server for source tests: it answers with whatever the test routes
 * it to, records every request (method, path, query, headers, body), and can be told
 * to misbehave the way real backends do: 429 with Retry-After, 5xx, hang, reset the
 * connection, a body that is not JSON, a 50 MB body, or go away entirely (refused).
 *
 *   const server = await startFaultServer((req) => json({ data: [] }));
 *   server.inject(fault.rateLimited('7'));   // the next request only
 *   server.inject(fault.hang(), 3);          // the next three
 *   await server.stop(); …; await server.restart();   // connection refused, then back
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'huge'; bytes: number; declareLength: boolean }
  | { kind: 'raw'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'redirect'; status: number; location: string };

export type Route = (request: RecordedRequest) => Reply | Promise<Reply>;

export const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ kind: 'json', status, body, headers });

/** The faults every source is tested against. */
export const fault = {
  rateLimited: (retryAfter: string): Reply => ({ kind: 'json', status: 429, body: { error: 'rate limited' }, headers: { 'Retry-After': retryAfter } }),
  serverError: (status = 500): Reply => ({ kind: 'text', status, body: 'internal error', headers: { 'Content-Type': 'text/plain' } }),
  hang: (): Reply => ({ kind: 'hang' }),
  reset: (): Reply => ({ kind: 'reset' }),
  notJson: (): Reply => ({ kind: 'text', status: 200, body: '<html><body>Sign in</body></html>', headers: { 'Content-Type': 'text/html' } }),
  /** 50 MB of valid-looking JSON; with declareLength false it is chunked, so only a stream guard can stop it. */
  huge: (bytes = 50 * 1024 * 1024, declareLength = false): Reply => ({ kind: 'huge', bytes, declareLength }),
  unauthorized: (): Reply => ({ kind: 'json', status: 401, body: { error: 'unauthorized' } }),
  /** A small gzip body that inflates to `bytes` (a decompression bomb). */
  gzipBomb: (bytes = 50 * 1024 * 1024): Reply => ({ kind: 'raw', status: 200, headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: gzipped(bytes) }),
};

const bombs = new Map<number, Buffer>();
/** Compressed once per size: 50 MB of spaces is about 50 KB of gzip. */
function gzipped(bytes: number): Buffer {
  let body = bombs.get(bytes);
  if (!body) bombs.set(bytes, (body = gzipSync(Buffer.alloc(bytes, ' '))));
  return body;
}

export interface FaultServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  route(route: Route): void;
  /** Answers the next `times` requests with `reply` instead of the route. */
  inject(reply: Reply, times?: number): void;
  /** Drops injected replies not used yet. */
  clearInjected(): void;
  /** Resolves when the server has received `count` requests in all. */
  waitForRequests(count: number): Promise<void>;
  /** Closes the listener and every open connection: requests now meet ECONNREFUSED. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultServer(initial: Route = () => json({})): Promise<FaultServer> {
  let route = initial;
  const injected: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      for (const w of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const reply = injected.shift();
      void Promise.resolve(reply ?? route(recorded)).then((r) => answer(res, r), (error: unknown) => answer(res, { kind: 'text', status: 500, body: String(error) }));
    });
  });
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    route: (r) => {
      route = r;
    },
    inject: (reply, times = 1) => {
      for (let i = 0; i < times; i++) injected.push(reply);
    },
    clearInjected: () => {
      injected.length = 0;
    },
    waitForRequests: (count) => (requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    stop: () => closeServer(server),
    restart: () => listen(server, port),
    close: () => closeServer(server),
  };
}

function answer(res: http.ServerResponse, reply: Reply): void {
  switch (reply.kind) {
    case 'json':
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
      return;
    case 'text':
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body);
      return;
    case 'raw':
      res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
      res.end(reply.body);
      return;
    case 'redirect':
      res.writeHead(reply.status, { Location: reply.location });
      res.end();
      return;
    case 'hang':
      return; // never answers; closeAllConnections() ends it
    case 'reset':
      res.socket?.resetAndDestroy();
      return;
    case 'huge':
      streamHuge(res, reply.bytes, reply.declareLength);
  }
}

/** Writes `bytes` of a JSON array in 64 KB chunks, honouring back-pressure and stopping when the client goes. */
function streamHuge(res: http.ServerResponse, bytes: number, declareLength: boolean): void {
  res.writeHead(200, { 'Content-Type': 'application/json', ...(declareLength ? { 'Content-Length': String(bytes) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, ' ');
  chunk[0] = '['.charCodeAt(0);
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      const size = Math.min(chunk.length, bytes - sent);
      sent += size;
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => {
    sent = bytes;
  });
  pump();
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
