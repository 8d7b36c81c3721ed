// Terminal output on the browser mode's socket: binary frames carrying the bytes as they are (no
// base64, no JSON), what the page decodes, and what `serve` sends for a session's output.
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { NsInspectService } from '../../electron/core/service.js';
import type { ShellHost } from '../../electron/core/shell/host.js';
import { startServer } from '../../electron/server/server.js';
import type { ShellSession } from '../../shared/api/shell.js';
import { decodeShellData, encodeShellData } from '../../shared/api/wire.js';

// Bytes a terminal gets: an escape sequence, and a UTF-8 character cut in two (as a read may).
const BYTES = Uint8Array.from([0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x68, 0x69, 0xe1, 0xbb]);

describe('shellData frames', () => {
  it('carry the id and the bytes unchanged, split characters included', () => {
    const frame = encodeShellData('0123456789abcdef', BYTES);
    expect(frame.byteLength).toBe(2 + 16 + BYTES.byteLength);
    const got = decodeShellData(frame)!;
    expect(got.id).toBe('0123456789abcdef');
    expect([...got.data]).toEqual([...BYTES]);
  });

  it('refuse ids that are not short printable ASCII, and decode no other frame', () => {
    expect(() => encodeShellData('a b', BYTES)).toThrow(/not a session id/);
    expect(() => encodeShellData('é', BYTES)).toThrow(/not a session id/);
    expect(() => encodeShellData('x'.repeat(256), BYTES)).toThrow(/not a session id/);
    expect(decodeShellData(Uint8Array.from([2, 1, 0x61, 1]))).toBeNull();
    expect(decodeShellData(Uint8Array.from([1, 9, 0x61]))).toBeNull();
    expect(decodeShellData(new Uint8Array(0))).toBeNull();
  });
});

describe('nsinspect serve sends terminal output as binary frames', () => {
  it("a session's output reaches the socket as one binary frame of exactly its bytes; acks reach the host", async () => {
    const bus = new EventEmitter();
    const svc = {
      engineState: () => ({ status: 'connecting', endpoint: { url: 'unix:///nowhere', source: 'default', reason: 'test' } }),
      onContainers: () => () => undefined,
      onEngineState: () => () => undefined,
    } as unknown as NsInspectService;
    const acks: Array<[string, number]> = [];
    const session: ShellSession = {
      id: 'feedc0de00000001',
      container: { id: 'a'.repeat(64), name: 'web', pid: 100 },
      kind: 'nsenter',
      namespaces: ['net'],
      notEntered: [],
      access: 'direct',
      confinement: 'host-root',
      missing: [],
      command: ['/bin/sh'],
    };
    const shells = Object.assign(bus, {
      open: async () => session,
      input: () => undefined,
      resize: () => undefined,
      ack: (id: string, n: number) => void acks.push([id, n]),
      close: async () => undefined,
      closeAll: async () => undefined,
    }) as unknown as ShellHost;
    const dir = mkdtempSync(join(tmpdir(), 'nsi-term-wire-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>nsinspect</title>');
    const token = 'b'.repeat(48);
    const server = await startServer({ service: svc, shells, port: 0, token, staticDir: dir });
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, ['nsinspect.v1', `nsinspect.token.${token}`], {
      origin: `http://127.0.0.1:${server.port}`,
    });
    try {
      await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
      const frames: Buffer[] = [];
      const texts: Array<Record<string, unknown>> = [];
      ws.on('message', (d: Buffer, binary: boolean) => (binary ? frames.push(d) : texts.push(JSON.parse(String(d)))));
      ws.send(
        JSON.stringify({
          id: 1,
          channel: 'shellOpen',
          args: [{ container: 'web', kind: 'nsenter', namespaces: ['net'], cols: 80, rows: 24 }],
        }),
      );
      await expect.poll(() => texts.find((m) => m.id === 1)?.result).toMatchObject({ id: session.id });
      bus.emit('data', session.id, BYTES);
      await expect.poll(() => frames.length).toBe(1);
      const got = decodeShellData(new Uint8Array(frames[0]!))!;
      expect(got.id).toBe(session.id);
      expect([...got.data]).toEqual([...BYTES]);
      expect(texts.some((m) => m.event === 'shellData')).toBe(false);
      ws.send(JSON.stringify({ id: 2, channel: 'shellAck', args: [session.id, BYTES.byteLength] }));
      await expect.poll(() => acks).toEqual([[session.id, BYTES.byteLength]]);
    } finally {
      ws.close();
      await server.close();
    }
  });
});
