import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEngine } from '../support/engine.js';
import { run } from '../support/sh.js';

// What each command loads is what it costs at every start (issue 12): node itself says which
// files of the bundle and which of its own modules a whole CLI process loaded.
const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;

describeWithEngine('what the bundled CLI loads', () => {
  let dir = '';
  beforeAll(() => {
    if (!existsSync(new URL('../../out/cli/nsinspect.cjs', import.meta.url))) run(['npm', 'run', 'build:cli']);
    dir = mkdtempSync(join(tmpdir(), 'nsi-bundle-'));
    writeFileSync(
      join(dir, 'report.cjs'),
      `process.on('exit', () => require('fs').writeFileSync(process.env.NSI_LOADED, JSON.stringify({
        files: Object.keys(require.cache).filter((f) => f.includes('/out/cli/')),
        builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
      })));`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const loaded = (...args: string[]) => {
    const out = join(dir, `${args.join('-').replace(/\W+/g, '_')}.json`);
    const r = spawnSync(process.execPath, ['-r', join(dir, 'report.cjs'), BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NSI_LOADED: out },
    });
    expect(r.status, r.stderr).toBe(0);
    const { files, builtins } = JSON.parse(readFileSync(out, 'utf8')) as { files: string[]; builtins: string[] };
    const code = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    return { files, builtins, code, bytes: code.length };
  };

  it('the markers these tests look for are in the bundle (so their absence means something)', () => {
    const all = run(['sh', '-c', 'cat out/cli/*.cjs out/cli/chunks/*.cjs']);
    for (const m of ['$ZodError', 'var ShellManager', 'function prefetchList', 'function scanProcesses', 'function openHostsConnection'])
      expect(all).toContain(m);
  });

  it('--help loads neither the engine, nor zod, nor the shells', () => {
    const help = loaded('--help');
    expect(help.code).not.toMatch(/\$ZodError|var ShellManager|function prefetchList|function scanProcesses/);
    expect(help.bytes).toBeLessThan(150_000);
  });

  it('map --json (as root) loads no zod, server or shells, and neither child_process nor crypto', () => {
    const map = loaded('map', '--json');
    expect(map.code).toMatch(/function scanProcesses/);
    expect(map.code).not.toMatch(/\$ZodError|var ShellManager|function openHostsConnection/);
    expect(map.builtins).not.toContain('child_process');
    expect(map.builtins).not.toContain('crypto');
  });
});
