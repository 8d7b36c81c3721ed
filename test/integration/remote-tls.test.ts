import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NS_TYPES } from '../../shared/model/index.js';
import { describeRig } from '../support/rigs/describe-rig.js';
import { IMAGE } from '../support/fixtures.js';
import { writeContext } from '../support/rigs/sshd.js';
import { startTlsRig, tlsRigUnavailable, type TlsRig } from '../support/rigs/tls.js';
import { nsInode, run } from '../support/sh.js';

// Issue 11 §1/§4: tcp:// with TLS, as the docker CLI reads it (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH,
// a context's TLS material), against a second dockerd the test starts with its own certificates.

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/nsinspect.js');
const A = 'nsi-rem-tls-a';
const B = 'nsi-rem-tls-b';

const describeRigTests = describeRig(tlsRigUnavailable(), 'TLS rig');

describeRigTests('remote engine over tcp:// with TLS (a second dockerd with certificates made by the test)', () => {
  let rig: TlsRig;
  let home: string;

  function cli(env: Record<string, string>, ...args: string[]) {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^DOCKER_/.test(k)));
    const r = spawnSync(process.execPath, [BIN, '--helper-image', IMAGE, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...clean, HOME: home, NSINSPECT_ENGINE_TIMEOUT_MS: '30000', ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const tlsEnv = () => ({ DOCKER_HOST: rig.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: rig.certDir });

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/cli/nsinspect.cjs'))) run(['npm', 'run', 'build:cli']);
    home = mkdtempSync(join(tmpdir(), 'nsi-rem-tlshome-'));
    rig = await startTlsRig();
    rig.docker('run', '-d', '--name', A, '--hostname', 'nsi-rem-tls', IMAGE, 'sleep', '1000000');
    rig.docker('run', '-d', '--name', B, '--network', `container:${A}`, IMAGE, 'sleep', '1000000');
  }, 240_000);

  afterAll(() => {
    rig?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const pidOf = (n: string) => Number(rig.docker('inspect', '-f', '{{.State.Pid}}', n));

  it("ls through DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH: the second daemon's containers, no others", () => {
    const r = cli(tlsEnv(), 'ls', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.containers.map((c: { name: string }) => c.name).sort()).toEqual([A, B].sort());
    expect(j.containers.find((c: { name: string }) => c.name === A).pid).toBe(pidOf(A));
    expect(j.engine).toMatchObject({ endpoint: rig.url, source: 'DOCKER_HOST' });
    expect(j.engine.notes ?? []).not.toContainEqual(expect.stringMatching(/without TLS/));
  });

  it('compare: inodes as readlink shows them; net shared (container:), the rest not', () => {
    const r = cli(tlsEnv(), 'compare', A, B, '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const [pa, pb] = [pidOf(A), pidOf(B)];
    for (const t of NS_TYPES) {
      if (!existsSync(`/proc/${pa}/ns/${t}`)) continue;
      const row = j.namespaces.find((n: { type: string }) => n.type === t);
      expect(row.a.inode, t).toBe(nsInode(pa, t));
      expect(row.b.inode, t).toBe(nsInode(pb, t));
    }
    expect(j.namespaces.find((n: { type: string }) => n.type === 'net').shared).toBe(true);
    expect(j.namespaces.find((n: { type: string }) => n.type === 'uts').shared).toBe(false);
  });

  it("a context's TLS material (contexts/tls/<id>/docker) is used as the docker CLI uses it", () => {
    const config = join(home, '.docker');
    const id = writeContext(config, 'nsi-rem-tls', rig.url);
    cpSync(rig.certDir, join(config, 'contexts', 'tls', id, 'docker'), { recursive: true });
    const r = cli({}, '--context', 'nsi-rem-tls', 'ls', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).containers.map((c: { name: string }) => c.name)).toContain(A);
    const listed = JSON.parse(cli({}, 'contexts', '--json').stdout);
    expect(listed.contexts.find((c: { name: string }) => c.name === 'nsi-rem-tls')).toMatchObject({
      endpoint: rig.url,
      tls: { verify: true },
    });
  });

  it("a CA that did not sign the daemon's certificate is refused, in one line that says what to do", () => {
    const r = cli({ ...tlsEnv(), DOCKER_CERT_PATH: rig.wrongCaDir }, 'ls');
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`the engine at ${rig.url} presented a certificate that ${rig.wrongCaDir}/ca.pem does not vouch for`);
    expect(lines[0]).toContain("use the ca.pem that signed the daemon's certificate");
  });

  it('without the client certificate the daemon refuses, and the line says so', () => {
    const onlyCa = mkdtempSync(join(tmpdir(), 'nsi-rem-onlyca-'));
    try {
      cpSync(join(rig.certDir, 'ca.pem'), join(onlyCa, 'ca.pem'));
      const r = cli({ ...tlsEnv(), DOCKER_CERT_PATH: onlyCa }, 'ls');
      expect(r.code).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/TLS with the engine at .* failed|client certificate/);
    } finally {
      rmSync(onlyCa, { recursive: true, force: true });
    }
  });
});
