// How the CPU cost per byte of a function grows with its input: ~1 when linear, ≈ the size
// ratio when quadratic. CPU time (process.cpuUsage), not wall time, and the smallest of a few
// repeats, so other processes on a loaded machine barely move the figure; no absolute time is
// asserted anywhere, only the ratio.

/**
 * Per-byte growth past these fails. Quadratic work measures the size ratio: 16× at the 1 KB →
 * 16 KB screen, 32× at 16 KB → 512 KB. Linear work measures about 1×, up to ~5× at 512 KB for
 * code that builds a string one character at a time (the young generation overflows: a step,
 * not a slope), hence the wider bound there.
 */
export const SCREEN_LIMIT = 4;
export const FULL_LIMIT = 8;
/** Below this many µs a measurement is noise: both sides are raised to it, so a fast linear function reads ~1×. */
const FLOOR_MICROS = 150;
const REPEATS = 3;

export const KB = 1024;

function cpuMicros(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

export interface Growth {
  /** Per-byte cost of the big input over the small one's. */
  ratio: number;
  /** CPU µs of the big input: ranks inputs by how much they hurt. */
  bigMicros: number;
}

/**
 * CPU time of one input of `big` bytes over `big / small` inputs of `small` bytes (the same
 * number of bytes in all). Repeats (keeping the smallest times) only while the ratio is near
 * or past `limit`: a one-off stall of the machine cannot fail it, a real slope stays.
 */
export function perByteGrowth(fn: (text: string) => unknown, make: (bytes: number) => string, small: number, big: number, limit: number): Growth {
  const smallText = make(small);
  const bigText = make(big);
  const times = Math.round(big / small);
  fn(smallText); // warm up: the first call compiles
  let bestSmall = Infinity;
  let bestBig = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    bestSmall = Math.min(bestSmall, cpuMicros(() => {
      for (let i = 0; i < times; i++) fn(smallText);
    }));
    bestBig = Math.min(bestBig, cpuMicros(() => fn(bigText)));
    if (ratio(bestBig, bestSmall) < limit * 0.75) break;
  }
  return { ratio: ratio(bestBig, bestSmall), bigMicros: bestBig };
}

function ratio(big: number, small: number): number {
  return Math.max(big, FLOOR_MICROS) / Math.max(small, FLOOR_MICROS);
}

/** 1 KB → 16 KB: cheap even for quadratic work (which would run for minutes at 512 KB), so every input is screened. */
export function screenGrowth(fn: (text: string) => unknown, make: (bytes: number) => string): Growth {
  return perByteGrowth(fn, make, KB, 16 * KB, SCREEN_LIMIT);
}

/** 16 KB → 512 KB, for inputs that passed the screen. */
export function fullGrowth(fn: (text: string) => unknown, make: (bytes: number) => string): Growth {
  return perByteGrowth(fn, make, 16 * KB, 512 * KB, FULL_LIMIT);
}

/** The inputs that hurt most first: highest growth, then highest cost. */
export function worstFirst<T extends { growth: Growth }>(screened: T[]): T[] {
  return screened.sort((a, b) => b.growth.ratio - a.growth.ratio || b.growth.bigMicros - a.growth.bigMicros);
}

/**
 * Where `fn` is not linear on the worst `count` of `inputs`: each is screened, the worst are
 * measured at 512 KB unless the screen already failed. Returns one line per failure.
 */
export function superlinear(name: string, fn: (text: string) => unknown, inputs: Record<string, (bytes: number) => string>, count: number): string[] {
  const screened = Object.entries(inputs).map(([input, make]) => ({ input, make, growth: screenGrowth(fn, make) }));
  const failures: string[] = [];
  for (const { input, make, growth } of worstFirst(screened).slice(0, count)) {
    if (growth.ratio > SCREEN_LIMIT) failures.push(`${name} on ${input}: ${growth.ratio.toFixed(1)}× per byte from 1 KB to 16 KB`);
    else {
      const full = fullGrowth(fn, make).ratio;
      if (full > FULL_LIMIT) failures.push(`${name} on ${input}: ${full.toFixed(1)}× per byte from 16 KB to 512 KB`);
    }
  }
  return failures;
}

/** `unit` repeated to `bytes`, then `tail` (a near miss: the text a pattern hopes for, then what makes it fail late). */
export const repeated = (unit: string, tail = '') => (bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes) + tail;

/** `open` nested to `bytes` around one value, then closed: `{"a":{"a":…1}}` (what a JSON-ish reader must not recurse on). */
export const balanced = (open: string, close: string) => (bytes: number): string => {
  const depth = Math.max(1, Math.floor(bytes / (open.length + close.length)));
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
};
