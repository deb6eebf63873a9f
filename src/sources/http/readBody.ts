import type { Readable } from 'node:stream';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a response stream into one Buffer, refusing it as soon as it passes `limit`
 * bytes (counted after decompression, so a small gzip bomb is refused too). The
 * stream is destroyed on refusal or abort so the socket is released at once.
 */
export function readBodyCapped(stream: Readable, limit: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      stream.off('data', onData);
      if (error) {
        stream.destroy();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onAbort = (): void => finish(Object.assign(new Error('aborted while reading the body'), { code: 'ERR_CANCELED' }));
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish(new BodyTooLargeError(limit));
      else chunks.push(chunk);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData);
    stream.once('end', () => finish());
    stream.once('error', (error) => finish(error));
  });
}
