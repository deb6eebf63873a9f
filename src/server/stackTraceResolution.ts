import type { StackFrame } from '../core/events';
import type { FrameResolution } from '../core/mapping/frameResolver';
import { parseStackTrace } from '../core/stackTraces/parseStackTrace';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import type { ResolvedFrameInfo, ResolvedStackTrace } from '../protocol';

/** Resolves a frame in some workspace folder: the URI of the file when it resolved there. */
export type ResolveFrame = (frame: StackFrame) => { resolution: FrameResolution; fileUri?: (rel: string) => string };

/** At most this many characters of a pasted trace are parsed: a whole log file pasted by mistake stays cheap. */
const MAX_TRACE_LENGTH = 256 * 1024;

/**
 * A pasted stack trace, parsed with the same core as production events and its
 * frames resolved with the workspace's resolver: in-app frames (resolved to a
 * workspace line) first in their printed order, then the others with why they did not resolve.
 */
export function resolvePastedTrace(text: string, resolve: ResolveFrame): ResolvedStackTrace | null {
  const parsed = parseStackTrace(text.length > MAX_TRACE_LENGTH ? text.slice(0, MAX_TRACE_LENGTH) : text);
  if (!parsed || parsed.exceptions.every((e) => e.frames.length === 0)) return null;
  const inApp: ResolvedFrameInfo[] = [];
  const other: ResolvedFrameInfo[] = [];
  parsed.exceptions.forEach((exception, index) => {
    for (const frame of exception.frames) {
      const info = frameInfo(frame, index, resolve);
      (info.inApp ? inApp : other).push(info);
    }
  });
  return {
    runtime: parsed.runtime,
    exceptions: parsed.exceptions.map((e) => ({ title: sanitisePlainText(e.message ? `${e.type}: ${e.message}` : e.type, 200) })),
    frames: [...inApp, ...other],
  };
}

function frameInfo(frame: StackFrame, exception: number, resolve: ResolveFrame): ResolvedFrameInfo {
  const where = frame.file ? `${frame.file}${frame.line !== undefined ? `:${frame.line}` : ''}` : '(no location)';
  const label = sanitisePlainText(frame.function ? `${frame.function} (${where})` : where, 300);
  const { resolution, fileUri } = resolve(frame);
  if (resolution.kind === 'resolved' && fileUri) {
    return { label, uri: fileUri(resolution.location.file), line: resolution.location.line - 1, inApp: true, exception };
  }
  return { label, inApp: false, exception, reason: whyNot(resolution, frame) };
}

function whyNot(resolution: FrameResolution, frame: StackFrame): string {
  if (frame.file === undefined || frame.line === undefined) return 'the frame names no file and line';
  switch (resolution.kind) {
    case 'dependency':
      return 'a dependency or runtime frame';
    case 'unmatched':
      return `no workspace file matches ${sanitisePlainText(resolution.path, 200)}`;
    case 'ambiguous':
      return `several files match (${resolution.candidates.slice(0, 3).join(', ')}): add a pathMapping`;
    default:
      return 'not in this workspace';
  }
}
