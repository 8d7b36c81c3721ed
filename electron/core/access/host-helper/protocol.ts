/**
 * The host helper's wire format over its stdin/stdout, Cockpit-bridge style: frames of
 * [u32 big-endian length][header JSON]\n[body bytes]. Requests carry an id and get one response;
 * terminal streams are channels (numbers) whose bytes travel as frame bodies, never re-encoded.
 * The byte layout is documented in docs/access-and-shells.md ("Protocol") and pinned by
 * test/unit/host-helper-frames.test.ts with frames written by hand.
 * No dependency outside node: the helper bundles this file.
 */
import type { ProbeRequest } from '../probe-commands.js';

/** Bumped on any change a peer of the other version would misread; checked at hello. */
export const PROTOCOL_VERSION = 2;
export const MAX_FRAME = 16 * 1024 * 1024;
/** How much of an oversized frame is kept to find the id of the request it carries. */
const PEEK = 64;

/** The only requests the helper knows. There is no "run this argv". */
export type Verb = 'hello' | 'probe.read' | 'probe.run' | 'shell.open';
export const VERBS: readonly Verb[] = ['hello', 'probe.read', 'probe.run', 'shell.open'];

/**
 * What a helper process may do, fixed by its command line (the wrapper polkit runs): 'read'
 * serves the probe's verbs only; 'shells' serves shell.open only.
 */
export type HelperMode = 'read' | 'shells';
export const SHELLS_FLAG = '--shells';

export interface Hello {
  version: number;
  mode: HelperMode;
  pid: number;
  uid: number;
  /** Who asked for the helper (pkexec's PKEXEC_UID), when known. */
  callerUid: number | null;
  hostPid: number;
}

export interface ProbeRunArgs {
  req: ProbeRequest;
  /** The container whose main process req.pid is, for the helper to verify. */
  container?: string;
}

export interface WireError {
  code: string;
  message: string;
  hint?: string;
  /** The catalogued message (shared/messages.ts), for the faces to translate. */
  id?: string;
  params?: Record<string, string | number>;
}

export type Header =
  | { t: 'req'; id: number; verb: Verb; args: unknown }
  | { t: 'res'; id: number; ok: true; value: unknown }
  | { t: 'res'; id: number; ok: false; error: WireError }
  /** A frame that could not be taken as a request (no usable id): what was wrong with it. */
  | { t: 'error'; error: WireError }
  /** Body: terminal output (helper → client) or input (client → helper). */
  | { t: 'data'; ch: number }
  /** Body: stderr of a session without a TTY. */
  | { t: 'stderr'; ch: number }
  | { t: 'end'; ch: number; end: unknown }
  | { t: 'resize'; ch: number; cols: number; rows: number }
  | { t: 'signal'; ch: number; sig: string }
  | { t: 'eof'; ch: number }
  | { t: 'pause'; ch: number }
  | { t: 'resume'; ch: number }
  | { t: 'close'; ch: number };

export class FrameTooLarge extends Error {
  constructor(readonly length: number) {
    super(`frame too large (${length} bytes, at most ${MAX_FRAME})`);
  }
}

export function encodeFrame(header: Header, body?: Uint8Array): Buffer {
  const h = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const len = h.length + (body?.length ?? 0);
  if (len > MAX_FRAME) throw new FrameTooLarge(len);
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(len, 0);
  return body?.length ? Buffer.concat([prefix, h, body]) : Buffer.concat([prefix, h]);
}

/**
 * A frame that was delimited but could not be used. `fatal`: the stream cannot be trusted to
 * stay in step (a length below 2, or a frame that does not start with "{"); the peer is then cut
 * off. Otherwise the reader has skipped the frame and goes on.
 */
export interface FrameProblem {
  kind: 'too-large' | 'malformed';
  /** The request's id when it could be read (`{"t":"req","id":N` at the frame's start). */
  id?: number;
  message: string;
  fatal: boolean;
}

const REQ_ID = /^\{"t":"req","id":(\d{1,15})[,}]/;

function idOf(head: Buffer): number | undefined {
  const m = REQ_ID.exec(head.subarray(0, PEEK).toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

/**
 * Splits a byte stream into frames. Chunks are kept as a list and joined once per frame, so a
 * large frame arriving in many reads costs linear time. A frame over MAX_FRAME is reported and
 * its bytes discarded as they arrive; a fatal problem is reported and then thrown.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private have = 0;
  /** Bytes of an oversized frame still to discard. */
  private skip = 0;

  constructor(private readonly max = MAX_FRAME) {}

  push(chunk: Buffer, onFrame: (header: Header, body: Buffer) => void, onProblem: (p: FrameProblem) => void = () => undefined): void {
    if (this.skip) {
      const n = Math.min(this.skip, chunk.length);
      this.skip -= n;
      chunk = chunk.subarray(n);
    }
    if (chunk.length) {
      this.chunks.push(chunk);
      this.have += chunk.length;
    }
    while (this.have >= 4) {
      const len = this.peek(4).readUInt32BE(0);
      if (len < 2) return this.fatal(onProblem, { kind: 'malformed', message: `bad frame length ${len}`, fatal: true });
      const first = this.have > 4 ? this.peek(5)[4] : undefined;
      if (first !== undefined && first !== 0x7b) {
        return this.fatal(onProblem, { kind: 'malformed', message: 'a frame must start with a JSON header', fatal: true });
      }
      if (len > this.max) {
        const need = 4 + Math.min(PEEK, len);
        if (this.have < need) return;
        const head = this.take(need).subarray(4);
        const id = idOf(head);
        this.skip = len - head.length;
        const n = Math.min(this.skip, this.have);
        this.take(n);
        this.skip -= n;
        onProblem({
          kind: 'too-large',
          ...(id !== undefined ? { id } : {}),
          message: `frame too large (${len} bytes, at most ${this.max})`,
          fatal: false,
        });
        continue;
      }
      if (this.have < 4 + len) return;
      const frame = this.take(4 + len).subarray(4);
      const nl = frame.indexOf(0x0a);
      let header: Header | null;
      try {
        header = nl < 0 ? null : (JSON.parse(frame.subarray(0, nl).toString('utf8')) as Header);
      } catch {
        header = null;
      }
      if (!header || typeof header !== 'object' || Array.isArray(header) || typeof header.t !== 'string') {
        const id = idOf(frame);
        onProblem({
          kind: 'malformed',
          ...(id !== undefined ? { id } : {}),
          message: nl < 0 ? 'frame without a header line' : 'frame header is not a JSON object with "t"',
          fatal: false,
        });
        continue;
      }
      onFrame(header, frame.subarray(nl + 1));
    }
  }

  private fatal(onProblem: (p: FrameProblem) => void, p: FrameProblem): never {
    this.chunks = [];
    this.have = 0;
    onProblem(p);
    throw new Error(p.message);
  }

  /** The first n bytes (n <= have), without consuming them. */
  private peek(n: number): Buffer {
    if (this.chunks[0]!.length >= n) return this.chunks[0]!;
    return Buffer.concat(this.chunks, n);
  }

  /** Removes and returns the first n bytes (n <= have); joins only the chunks they span. */
  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const head = this.chunks[0]!;
    if (head.length > n) {
      this.chunks[0] = head.subarray(n);
      this.have -= n;
      return head.subarray(0, n);
    }
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      const c = this.chunks[0]!;
      if (got + c.length <= n) {
        parts.push(c);
        got += c.length;
        this.chunks.shift();
      } else {
        parts.push(c.subarray(0, n - got));
        this.chunks[0] = c.subarray(n - got);
        got = n;
      }
    }
    this.have -= n;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, n);
  }
}
