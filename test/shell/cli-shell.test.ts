import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { NS_TYPES } from '../../shared/model/index.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE } from '../support/fixtures.js';
import { containerPid, nsInode, run } from '../support/sh.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;

/** The CLI without a terminal: stdin closed, output through pipes. */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeWithEngine('nsinspect shell: presets, --access, --unconfined and what the banner says', () => {
  beforeAll(() => {
    // The CLI runs the bundled build (npm test builds it first); build it if this run did not.
    if (!existsSync(new URL('../../out/cli/nsinspect.cjs', import.meta.url))) run(['npm', 'run', 'build:cli']);
  }, 120_000);

  it('--preset all: the whole container through the engine; the namespaces shared with the host are named', () => {
    const pid = containerPid(FIXTURES.a);
    const r = cli('shell', FIXTURES.a, '--preset', 'all', '--', 'readlink', '/proc/self/ns/net');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`net:[${nsInode(pid, 'net')}]`);
    expect(r.stderr).toContain('[confined like docker exec via the engine]');
    const shared = NS_TYPES.filter((t) => nsInode(pid, t) === nsInode(2, t));
    expect(shared.length).toBeGreaterThan(0);
    expect(r.stderr).toContain(`[not entered: ${shared.map((t) => `${t} (shared with the host: nothing to enter)`).join(', ')}]`);
  });

  it('an unknown preset names the ones there are, "all" among them', () => {
    const r = cli('shell', FIXTURES.a, '--preset', 'everything', '--', 'true');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown preset "everything".*exec, all, net-only, host-fs/);
  });

  it('--access is honoured for the shell itself, and a host-side shell says it is root on the host', () => {
    const pid = containerPid(FIXTURES.a);
    const r = cli(
      'shell',
      FIXTURES.a,
      '--access',
      'docker-helper',
      '--helper-image',
      IMAGE,
      '--preset',
      'net-only',
      '--',
      'readlink',
      '/proc/self/ns/net',
      '/proc/self/ns/mnt',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([`net:[${nsInode(pid, 'net')}]`, `mnt:[${nsInode(2, 'mnt')}]`]);
    expect(r.stderr).toContain("[root shell on the host, inside the container's network]");
    expect(r.stderr).toContain('via docker-helper');
  });

  it("the container's filesystem with host namespaces: refused without --unconfined, labelled UNCONFINED with it", () => {
    const refused = cli('shell', FIXTURES.a, '--ns', 'mnt', '--', 'true');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot be confined like the container: .*seccomp filter/);
    expect(refused.stderr).toContain('--unconfined');
    const opted = cli('shell', FIXTURES.a, '--ns', 'mnt,pid', '--unconfined', '--', 'cat', '/proc/self/status');
    expect(opted.code, opted.stderr).toBe(0);
    expect(opted.stderr).toMatch(/^\[UNCONFINED: the container's programs with the host's privileges, without its seccomp filter/);
    expect(opted.stdout).toMatch(/^Seccomp:\s+0$/m);
  });
});
