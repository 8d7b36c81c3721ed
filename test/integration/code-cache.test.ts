import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../support/sh.js';

// The CLI's V8 code cache (bin/code-cache.js) is code the CLI runs: these tests build the caches
// a hostile local user could leave and show the CLI never takes one it does not own.
const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
const NOBODY = 65534;

function cli(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NSINSPECT_NO_CODE_CACHE' && k !== 'SUDO_UID'));
  const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: { ...clean, ...env } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Owner, mode and type as coreutils' stat reads them. */
const stat = (p: string) => {
  const [uid, mode, ...type] = run(['stat', '-c', '%u %a %F', p]).trim().split(' ');
  return { uid: Number(uid), mode, type: type.join(' ') };
};

const vdir = (xdg: string) => {
  const base = join(xdg, 'nsinspect');
  return join(
    base,
    readdirSync(base).find((d) => d.startsWith('v8-'))!,
  );
};

describe('the CLI code cache', () => {
  let xdg = '';
  let expected = '';
  beforeAll(() => {
    if (!existsSync(new URL('../../out/cli/nsinspect.cjs', import.meta.url))) run(['npm', 'run', 'build:cli']);
    expected = cli({ NSINSPECT_NO_CODE_CACHE: '1' });
  });
  const fresh = () => (xdg = mkdtempSync(join(tmpdir(), 'nsi-cc-')));
  afterEach(() => rmSync(xdg, { recursive: true, force: true }));

  it('lives in a 0700 directory of the user, with 0600 entries, and a good entry is kept as it is', () => {
    fresh();
    expect(cli({ XDG_CACHE_HOME: xdg })).toBe(expected);
    const dir = vdir(xdg);
    expect(stat(join(xdg, 'nsinspect'))).toMatchObject({ uid: process.geteuid!(), mode: '700' });
    expect(stat(dir)).toMatchObject({ uid: process.geteuid!(), mode: '700' });
    const entries = readdirSync(dir);
    expect(entries.some((e) => e.startsWith('nsinspect.cjs-'))).toBe(true);
    const before = entries.map((e) => run(['stat', '-c', '%n %a %u %Y.%y', join(dir, e)]));
    for (const e of entries) expect(stat(join(dir, e)).mode).toBe('600');
    // Accepted by V8, so not written again: a rejected entry would be replaced.
    expect(cli({ XDG_CACHE_HOME: xdg })).toBe(expected);
    expect(readdirSync(dir).map((e) => run(['stat', '-c', '%n %a %u %Y.%y', join(dir, e)]))).toEqual(before);
  });

  it('is not used or written when its directory is writable by others or owned by someone else', () => {
    for (const spoil of [(d: string) => chmodSync(d, 0o777), (d: string) => chownSync(d, NOBODY, NOBODY)]) {
      fresh();
      cli({ XDG_CACHE_HOME: xdg });
      const dir = vdir(xdg);
      for (const e of readdirSync(dir)) rmSync(join(dir, e));
      spoil(dir);
      expect(cli({ XDG_CACHE_HOME: xdg })).toBe(expected);
      expect(readdirSync(dir)).toEqual([]);
      rmSync(xdg, { recursive: true, force: true });
    }
  });

  it('replaces a symlinked, foreign or corrupt entry without following or trusting it', () => {
    fresh();
    cli({ XDG_CACHE_HOME: xdg });
    const dir = vdir(xdg);
    const [link, foreign, corrupt] = readdirSync(dir)
      .filter((e) => /^(nsinspect|common|rolldown)/.test(e))
      .map((e) => join(dir, e));
    const outside = join(xdg, 'outside');
    writeFileSync(outside, 'not a cache');
    rmSync(link!);
    symlinkSync(outside, link!);
    chownSync(foreign!, NOBODY, NOBODY);
    const garbage = Buffer.alloc(4096, 0x41);
    writeFileSync(corrupt!, garbage);
    expect(cli({ XDG_CACHE_HOME: xdg })).toBe(expected);
    expect(readFileSync(outside, 'utf8')).toBe('not a cache');
    expect(stat(link!).type).toBe('regular file');
    expect(stat(foreign!).uid).toBe(process.geteuid!());
    expect(readFileSync(corrupt!).equals(garbage)).toBe(false);
  });

  it('drops entries of files that changed after a rebuild', () => {
    fresh();
    cli({ XDG_CACHE_HOME: xdg });
    const dir = vdir(xdg);
    const stale = join(dir, 'nsinspect.cjs-1-1-1');
    writeFileSync(stale, 'old build', { mode: 0o600 });
    rmSync(
      join(
        dir,
        readdirSync(dir).find((e) => e.startsWith('common-'))!,
      ),
    );
    cli({ XDG_CACHE_HOME: xdg });
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(dir).some((e) => e.startsWith('common-'))).toBe(true);
  });

  it("under sudo, ignores the caller's XDG_CACHE_HOME", () => {
    fresh();
    expect(cli({ XDG_CACHE_HOME: xdg, SUDO_UID: '1000' })).toBe(expected);
    expect(existsSync(join(xdg, 'nsinspect'))).toBe(false);
  });

  it("keeps the bundle's import() working (a tcp:// engine loads node:http that way)", () => {
    fresh();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NSINSPECT_NO_CODE_CACHE|SUDO_UID|DOCKER_)/.test(k)));
    for (let i = 0; i < 2; i++) {
      const r = spawnSync(process.execPath, [BIN, 'ls'], {
        encoding: 'utf8',
        env: { ...clean, XDG_CACHE_HOME: xdg, DOCKER_HOST: 'tcp://127.0.0.1:9' },
      });
      expect(r.stderr).toMatch(/no engine is listening at tcp:\/\/127.0.0.1:9/);
      expect(r.stderr).not.toMatch(/dynamic import/i);
    }
  });

  it('runs without a cache for a user with no home', () => {
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, '--help'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH!, HOME: '/nonexistent' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(expected);
  });
});
