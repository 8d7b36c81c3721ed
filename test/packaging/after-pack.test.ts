import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { at, cjs } from './tools.js';

type AfterPack = (context: unknown) => Promise<void>;
const afterPack = cjs(at('build/after-pack.cjs')) as AfterPack;
const { Arch } = cjs('builder-util') as { Arch: Record<string, number> };

// @electron/fuses finds the fuse wire after this sentinel: version byte, length byte, one byte
// per fuse ('0' off, '1' on). No Electron binary can be downloaded here, so fake just that.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const WIRE_LENGTH = 9;

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fakeApp(opts: { helper?: boolean; prebuilds?: string[] } = {}) {
  const appOutDir = mkdtempSync(path.join(tmpdir(), 'nsinspect-afterpack-'));
  made.push(appOutDir);
  const wire = Buffer.from([1, WIRE_LENGTH, ...Buffer.from('1'.repeat(WIRE_LENGTH))]);
  writeFileSync(path.join(appOutDir, 'nsinspect'), Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), wire, Buffer.alloc(64, 7)]));
  const resources = path.join(appOutDir, 'resources');
  if (opts.helper ?? true) {
    mkdirSync(path.join(resources, 'helper'), { recursive: true });
    writeFileSync(path.join(resources, 'helper', 'host-helper.cjs'), '');
  }
  const scope = path.join(resources, 'app.asar.unpacked', 'node_modules', '@lydell');
  for (const name of opts.prebuilds ?? ['node-pty-linux-x64']) {
    mkdirSync(path.join(scope, name), { recursive: true });
    writeFileSync(path.join(scope, name, 'pty.node'), '');
  }
  const context = {
    appOutDir,
    arch: Arch.x64,
    electronPlatformName: 'linux',
    packager: { executableName: 'nsinspect' },
  };
  return { appOutDir, scope, context };
}

function fuses(appOutDir: string): string {
  const bin = readFileSync(path.join(appOutDir, 'nsinspect'));
  const start = bin.indexOf(SENTINEL) + SENTINEL.length + 2;
  return bin.subarray(start, start + WIRE_LENGTH).toString('latin1');
}

describe('build/after-pack.cjs', () => {
  it('flips the fuses: RunAsNode, cookie encryption, asar-only on; NODE_OPTIONS, --inspect, file:// privileges off', async () => {
    const { appOutDir, context } = fakeApp();
    await afterPack(context);
    // Index (Electron's fuse wire): 0 RunAsNode, 1 CookieEncryption, 2 NODE_OPTIONS, 3 --inspect,
    // 4 asar integrity, 5 OnlyLoadAppFromAsar, 6 V8 snapshot (untouched), 7
    // GrantFileProtocolExtraPrivileges, 8 a newer fuse (untouched).
    expect(fuses(appOutDir)).toBe('110011101');
  });

  it('keeps only the target architecture Linux pty prebuild', async () => {
    const { scope, context } = fakeApp({
      prebuilds: ['node-pty-linux-x64', 'node-pty-linux-arm64', 'node-pty-darwin-arm64', 'node-pty-win32-x64'],
    });
    await afterPack(context);
    expect(existsSync(path.join(scope, 'node-pty-linux-x64', 'pty.node'))).toBe(true);
    for (const gone of ['node-pty-linux-arm64', 'node-pty-darwin-arm64', 'node-pty-win32-x64']) {
      expect(existsSync(path.join(scope, gone)), gone).toBe(false);
    }
  });

  it('refuses a package without the target prebuild (arm64 built on x64)', async () => {
    const { context } = fakeApp({ prebuilds: ['node-pty-linux-x64'] });
    await expect(afterPack({ ...context, arch: Arch.arm64 })).rejects.toThrow(/node-pty-linux-arm64\/pty\.node/);
  });

  it('refuses a package without the host helper', async () => {
    const { context } = fakeApp({ helper: false });
    await expect(afterPack(context)).rejects.toThrow(/host-helper\.cjs is missing/);
  });
});
