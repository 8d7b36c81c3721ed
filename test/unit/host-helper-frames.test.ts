// The host helper's frames, byte for byte (docs/access-and-shells.md, "Protocol"): every frame
// here is written by hand as hex, never by the production encoder, so the format cannot drift
// with the code. [u32 big-endian length][header JSON]\n[body bytes]; the length counts header
// line and body.
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, MAX_FRAME, type FrameProblem, type Header } from '../../electron/core/access/host-helper/protocol.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// {"t":"data","ch":3}\n + body 00 0a ff: 20 header bytes + 3 body bytes = 0x17.
const DATA_FRAME = hex('00000017 7b2274223a2264617461222c226368223a337d0a 000aff');
// {"t":"eof","ch":3}\n: 19 bytes = 0x13.
const EOF_FRAME = hex('00000013 7b2274223a22656f66222c226368223a337d0a');

function readAll(chunks: Buffer[], reader = new FrameReader()) {
  const frames: Array<{ h: Header; body: string }> = [];
  const problems: FrameProblem[] = [];
  for (const c of chunks)
    reader.push(
      c,
      (h, body) => frames.push({ h, body: body.toString('hex') }),
      (p) => problems.push(p),
    );
  return { frames, problems };
}

describe('host helper frames', () => {
  it('reads a data frame whose body holds a newline and bytes that are not UTF-8, exactly', () => {
    const { frames, problems } = readAll([DATA_FRAME]);
    expect(frames).toEqual([{ h: { t: 'data', ch: 3 }, body: '000aff' }]);
    expect(problems).toEqual([]);
  });

  it('the encoder writes the documented bytes', () => {
    expect(encodeFrame({ t: 'data', ch: 3 }, new Uint8Array([0x00, 0x0a, 0xff])).toString('hex')).toBe(DATA_FRAME.toString('hex'));
    expect(encodeFrame({ t: 'eof', ch: 3 }).toString('hex')).toBe(EOF_FRAME.toString('hex'));
  });

  it('frames are independent of reads: two in one chunk, and one byte at a time', () => {
    const both = Buffer.concat([DATA_FRAME, EOF_FRAME]);
    expect(readAll([both]).frames.map((f) => f.h.t)).toEqual(['data', 'eof']);
    const bytes = [...both].map((b) => Buffer.from([b]));
    const one = readAll(bytes);
    expect(one.frames).toEqual([
      { h: { t: 'data', ch: 3 }, body: '000aff' },
      { h: { t: 'eof', ch: 3 }, body: '' },
    ]);
  });

  it('a frame over the limit is reported with its request id, skipped as it streams, and the next frame is read', () => {
    // A reader with a 64-byte limit; the frame claims 0x50 = 80 bytes: {"t":"req","id":42,… padded.
    const header = Buffer.from('7b2274223a22726571222c226964223a34322c', 'hex'); // {"t":"req","id":42,
    const big = Buffer.concat([hex('00000050'), header, Buffer.alloc(80 - header.length, 0x20)]);
    const reader = new FrameReader(64);
    const got = readAll([big.subarray(0, 30), big.subarray(30, 70), Buffer.concat([big.subarray(70), EOF_FRAME])], reader);
    expect(got.problems).toEqual([{ kind: 'too-large', id: 42, message: 'frame too large (80 bytes, at most 64)', fatal: false }]);
    expect(got.frames.map((f) => f.h)).toEqual([{ t: 'eof', ch: 3 }]);
  });

  it('a delimited frame whose header is not JSON is reported and skipped; the stream goes on', () => {
    // {x\n (3 bytes), then a valid frame.
    const got = readAll([Buffer.concat([hex('00000003 7b780a'), EOF_FRAME])]);
    expect(got.problems).toEqual([{ kind: 'malformed', message: 'frame header is not a JSON object with "t"', fatal: false }]);
    expect(got.frames.map((f) => f.h.t)).toEqual(['eof']);
    // A header without its newline: the id is still found, for the answer.
    const noNl = readAll([hex('00000012 7b2274223a22726571222c226964223a377d')]); // {"t":"req","id":7}
    expect(noNl.problems).toEqual([{ kind: 'malformed', id: 7, message: 'frame without a header line', fatal: false }]);
  });

  it('a stream that is not frames at all is fatal: a length below 2, or a frame not starting with "{"', () => {
    for (const bad of [hex('00000001 7b'), hex('ffffffff 010203'), hex('00000003 5b5d0a')]) {
      const problems: FrameProblem[] = [];
      expect(
        () =>
          new FrameReader().push(
            bad,
            () => undefined,
            (p) => problems.push(p),
          ),
        bad.toString('hex'),
      ).toThrow();
      expect(problems.map((p) => p.fatal)).toEqual([true]);
    }
  });

  it('a 16 MiB frame arriving in 4 KiB reads costs linear time (the buffer is not re-joined per read)', () => {
    const body = Buffer.alloc(MAX_FRAME - 64, 0x61);
    const frame = Buffer.concat([Buffer.alloc(4), Buffer.from('{"t":"data","ch":1}\n'), body]);
    frame.writeUInt32BE(frame.length - 4, 0);
    const reader = new FrameReader();
    let got = 0;
    const t = performance.now();
    for (let o = 0; o < frame.length; o += 4096) reader.push(frame.subarray(o, o + 4096), (_h, b) => (got = b.length));
    const ms = performance.now() - t;
    expect(got).toBe(body.length);
    // Re-joining per read copies ~32 GiB here (seconds); joining once copies 16 MiB.
    expect(ms).toBeLessThan(1500);
  });
});
