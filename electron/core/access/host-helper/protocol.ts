/**
 * The host helper's wire format over its stdin/stdout, Cockpit-bridge style: frames of
 * [u32 big-endian length][header JSON]\n[body bytes]. Requests carry an id and get one response;
 * terminal streams are channels (numbers) whose bytes travel as frame bodies, never re-encoded.
 * No dependency outside node: the helper bundles this file.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_FRAME = 16 * 1024 * 1024;

/** The only requests the helper knows. There is no "run this argv". */
export type Verb = 'hello' | 'probe.read' | 'probe.run' | 'shell.open';
export const VERBS: readonly Verb[] = ['hello', 'probe.read', 'probe.run', 'shell.open'];

export interface WireError {
  code: string;
  message: string;
  hint?: string;
}

export type Header =
  | { t: 'req'; id: number; verb: Verb; args: unknown }
  | { t: 'res'; id: number; ok: true; value: unknown }
  | { t: 'res'; id: number; ok: false; error: WireError }
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

export function encodeFrame(header: Header, body?: Uint8Array): Buffer {
  const h = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const len = h.length + (body?.length ?? 0);
  if (len > MAX_FRAME) throw new Error(`frame too large (${len} bytes)`);
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(len, 0);
  return body?.length ? Buffer.concat([prefix, h, body]) : Buffer.concat([prefix, h]);
}

/** Splits a byte stream into frames; throws on a malformed or oversized one (the peer is then cut off). */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onFrame: (header: Header, body: Buffer) => void): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 4) {
      const len = this.buf.readUInt32BE(0);
      if (len > MAX_FRAME || len < 2) throw new Error(`bad frame length ${len}`);
      if (this.buf.length < 4 + len) break;
      const frame = this.buf.subarray(4, 4 + len);
      this.buf = this.buf.subarray(4 + len);
      const nl = frame.indexOf(0x0a);
      if (nl < 0) throw new Error('frame without a header line');
      const header = JSON.parse(frame.subarray(0, nl).toString('utf8')) as Header;
      if (!header || typeof header !== 'object' || typeof header.t !== 'string') throw new Error('bad frame header');
      onFrame(header, frame.subarray(nl + 1));
    }
  }
}
