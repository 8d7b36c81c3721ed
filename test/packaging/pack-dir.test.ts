import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, cjs } from './tools.js';

// Same stand-in fuse wire as after-pack.test.ts: what @electron/fuses looks for in the binary.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

interface Asar {
  listPackage(archive: string, options: object): string[];
  extractFile(archive: string, file: string): Buffer;
}

/**
 * The deb/rpm/AppImage steps need downloads (fpm, appimagetool, Electron); everything before
 * them — file selection, asar, asarUnpack, extraResources, afterPack — runs here for real.
 */
describe('electron-builder --linux dir, with a stand-in Electron', () => {
  let scratch: string;
  let unpacked: string;
  let log: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'nsinspect-pack-'));
    const project = path.join(scratch, 'project');
    mkdirSync(project);
    for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) cpSync(at(file), path.join(project, file));
    cpSync(at('build'), path.join(project, 'build'), { recursive: true });
    // A real node_modules directory: through a symlink npm ls (which electron-builder uses to
    // collect dependencies) sees every package as extraneous. Hard links make the copy cheap.
    const copy = (flags: string) => spawnSync('cp', [flags, at('node_modules'), path.join(project, 'node_modules')]).status === 0;
    if (!copy('-al') && !copy('-a')) throw new Error('could not copy node_modules into the scratch project');
    // Build outputs are other steps' business; stand-ins keep this test independent of them.
    const outputs: Record<string, string> = {
      'out/main/index.js': '// stand-in\n',
      'out/preload/index.cjs': '// stand-in\n',
      'out/renderer/index.html': '<!doctype html>',
      'out/helper/host-helper.cjs': '// stand-in\n',
    };
    for (const [file, text] of Object.entries(outputs)) {
      mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      writeFileSync(path.join(project, file), text);
    }

    const electron = path.join(scratch, 'electron');
    mkdirSync(path.join(electron, 'locales'), { recursive: true });
    mkdirSync(path.join(electron, 'resources'));
    const wire = Buffer.from([1, 9, ...Buffer.from('111111111')]);
    writeFileSync(path.join(electron, 'electron'), Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), wire]));
    chmodSync(path.join(electron, 'electron'), 0o755);
    writeFileSync(path.join(electron, 'chrome-sandbox'), '');
    writeFileSync(path.join(electron, 'locales', 'en-US.pak'), '');

    const r = spawnSync(process.execPath, [at('test/packaging/pack-dir.cjs'), electron], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      timeout: 170_000,
    });
    log = `${r.stdout}${r.stderr}`;
    if (r.status !== 0) throw new Error(`electron-builder failed (${r.status}):\n${log}`);
    unpacked = path.join(project, 'dist', 'linux-unpacked');
  }, 180_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const asar = () => cjs('@electron/asar') as Asar;
  const archive = () => path.join(unpacked, 'resources', 'app.asar');

  it('names the executable nsinspect and flips its fuses in afterPack', () => {
    const bin = readFileSync(path.join(unpacked, 'nsinspect'));
    const start = bin.indexOf(SENTINEL) + SENTINEL.length + 2;
    // RunAsNode, cookie encryption on; NODE_OPTIONS, --inspect off; asar integrity, asar only on;
    // the V8 snapshot fuse as Electron ships it; GrantFileProtocolExtraPrivileges off (app://).
    expect(bin.subarray(start, start + 9).toString('latin1'), log).toBe('110011101');
  });

  it('packs the app code, the package.json with desktopName, and no sources', () => {
    const files = asar().listPackage(archive(), { isPack: false });
    for (const f of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html'])
      expect(files).toContain(f);
    for (const f of files) expect(f).not.toMatch(/^\/(electron|renderer|shared|test|build|docs|out\/helper|out\/node)\//);
    const pkg = JSON.parse(asar().extractFile(archive(), 'package.json').toString()) as Record<string, unknown>;
    expect(pkg.desktopName).toBe('nsinspect.desktop');
  });

  it('unpacks the Linux x64 pty binary and leaves no other platform prebuild', () => {
    const scope = path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', '@lydell');
    expect(existsSync(path.join(scope, 'node-pty-linux-x64', 'pty.node'))).toBe(true);
    const files = asar().listPackage(archive(), { isPack: false });
    expect(files.filter((f) => /node-pty-(darwin|win32)-/.test(f))).toEqual([]);
  });

  it('puts the host helper, its wrapper and the polkit policy under resources/helper', () => {
    const helper = path.join(unpacked, 'resources', 'helper');
    expect(existsSync(path.join(helper, 'host-helper.cjs'))).toBe(true);
    expect(readFileSync(path.join(helper, 'io.nsinspect.host-helper.policy'), 'utf8')).toContain('io.nsinspect.host-helper');
    expect(statSync(path.join(helper, 'nsinspect-host-helper')).mode & 0o111).not.toBe(0);
    expect(statSync(path.join(helper, 'nsinspect-host-shell')).mode & 0o111).not.toBe(0);
  });
});
