import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentContext, readContexts, resolveEndpoint } from '../../electron/core/engine/endpoint.js';
import { controlDir, sshBaseArgs, sshProblem, sshTarget } from '../../electron/core/engine/ssh.js';
import { envTls, plainTcpWarning, tlsMaterial } from '../../electron/core/engine/tls.js';
import { loadCommand } from '../../electron/core/access/docker-helper.js';

const none = () => false;
const made: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
const target = sshTarget('ssh://deploy@build.example:2222');

describe('ssh:// endpoints through the system ssh client', () => {
  it('parses user, host and port, and refuses what ssh would take as an option', () => {
    expect(target).toMatchObject({ host: 'build.example', port: 2222, user: 'deploy', label: 'deploy@build.example:2222' });
    expect(sshTarget('ssh://alias')).toMatchObject({ host: 'alias', port: null, user: null });
    expect(() => sshTarget('ssh://-oProxyCommand=evil')).toThrow(/not a host name/);
    expect(() => sshTarget('ssh://u:pw@h')).toThrow(/password/);
    expect(() => sshTarget('ssh://h/path')).toThrow(/path/);
  });

  it('never prompts and never turns host-key checking off', () => {
    const args = sshBaseArgs(target, '/run/x/sock').join(' ');
    expect(args).toContain('BatchMode=yes');
    expect(args).toContain('-p 2222');
    expect(args).toContain('-l deploy');
    expect(args).toContain('ControlPath=/run/x/sock');
    expect(args).not.toMatch(/StrictHostKeyChecking|UserKnownHostsFile|GlobalKnownHostsFile/);
  });

  it("turns ssh's stderr into one line that says what to do", () => {
    const cases: Array<[number, string, RegExp, RegExp]> = [
      [
        255,
        'No ED25519 host key is known for [build.example]:2222 and you have requested strict checking.\nHost key verification failed.',
        /host key of build.example is not in known_hosts/,
        /ssh -p 2222 deploy@build.example/,
      ],
      [255, '@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@', /has changed/, /ssh-keygen -R \[build.example\]:2222/],
      [255, 'deploy@build.example: Permission denied (publickey).', /refused the key of deploy/, /ssh-add|IdentityFile/],
      [127, 'sh: 1: docker: not found', /no `docker` command on build.example/, /install the Docker CLI/],
      [
        1,
        'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
        /may not use the engine/,
        /docker group/,
      ],
      [255, 'ssh: connect to host build.example port 2222: Connection refused', /cannot reach build.example/, /must connect/],
      [1, "docker: 'system dial-stdio' is not a docker command.", /no `docker system dial-stdio`/, /18\.09/],
    ];
    for (const [code, stderr, message, hint] of cases) {
      const e = sshProblem(target, code, stderr);
      expect(e.message, stderr).toMatch(message);
      expect(e.hint, stderr).toMatch(hint);
      expect(`${e.message} ${e.hint}`).not.toContain('\n');
      expect(e.code).toBe('engine');
    }
  });

  it('keeps its master sockets in a private directory, and refuses one others could use', () => {
    const run = tempDir('nsi-rem-xdg-');
    const dir = controlDir({ XDG_RUNTIME_DIR: run });
    expect(dir).toBe(join(run, 'nsinspect-ssh'));
    chmodSync(dir, 0o755);
    expect(() => controlDir({ XDG_RUNTIME_DIR: run })).toThrow(/not a private directory/);
  });

  it('the helper-image hint names the remote host', () => {
    expect(loadCommand({ url: 'ssh://deploy@build.example:2222', source: 'option', reason: '' })).toBe(
      'ssh -p 2222 deploy@build.example docker load',
    );
    expect(loadCommand({ url: 'tcp://10.0.0.1:2376', source: 'option', reason: '', tls: { dir: '/c', verify: true, from: '' } })).toBe(
      'docker -H tcp://10.0.0.1:2376 --tlsverify load',
    );
  });
});

describe('--host, --context and contexts', () => {
  const withContext = (name: string, host: string, tls = false) => {
    const cfg = tempDir('nsi-rem-cfg-');
    const id = 'a'.repeat(64);
    mkdirSync(join(cfg, 'contexts/meta', id), { recursive: true });
    writeFileSync(
      join(cfg, 'contexts/meta', id, 'meta.json'),
      JSON.stringify({ Name: name, Metadata: { Description: 'd' }, Endpoints: { docker: { Host: host } } }),
    );
    if (tls) {
      mkdirSync(join(cfg, 'contexts/tls', id, 'docker'), { recursive: true });
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(cfg, 'contexts/tls', id, 'docker', f), `${f}\n`);
    }
    return cfg;
  };

  it('--host and --context come before DOCKER_HOST; both at once is refused', () => {
    const cfg = withContext('box', 'ssh://me@box');
    const env = { DOCKER_CONFIG: cfg, DOCKER_HOST: 'unix:///elsewhere.sock' };
    expect(resolveEndpoint({ env, home: '/h', isSocket: none, choice: { host: 'ssh://other' } })).toMatchObject({
      url: 'ssh://other',
      source: 'option',
    });
    expect(resolveEndpoint({ env, home: '/h', isSocket: none, choice: { context: 'box' } })).toMatchObject({
      url: 'ssh://me@box',
      context: 'box',
      source: 'option',
    });
    expect(() => resolveEndpoint({ env, home: '/h', isSocket: none, choice: { context: 'nope' } })).toThrow(/context "nope" not found/);
    expect(() => resolveEndpoint({ env, home: '/h', isSocket: none, choice: { context: 'box', host: 'ssh://x' } })).toThrow(/not both/);
    expect(currentContext({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'box' }, home: '/h' })).toMatchObject({
      name: 'box',
      source: 'DOCKER_CONTEXT',
    });
  });

  it("a context's TLS material and DOCKER_TLS_VERIFY make tcp:// TLS, read from the right files", () => {
    const cfg = withContext('secure', 'tcp://10.0.0.2:2376', true);
    const [ctx] = readContexts(cfg);
    expect(ctx).toMatchObject({ name: 'secure', host: 'tcp://10.0.0.2:2376', tls: { verify: true } });
    const e = resolveEndpoint({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'secure' }, home: '/h', isSocket: none });
    expect(e.tls?.dir).toBe(join(cfg, 'contexts/tls', 'a'.repeat(64), 'docker'));
    expect(tlsMaterial(e.tls!).ca?.toString()).toBe('ca.pem\n');
    expect(plainTcpWarning(e)).toBeNull();

    const viaEnv = resolveEndpoint({
      env: { DOCKER_HOST: 'tcp://10.0.0.3:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      home: '/h',
      isSocket: none,
    });
    expect(viaEnv.tls).toMatchObject({ dir: '/certs', verify: true });
    expect(envTls({ DOCKER_TLS_VERIFY: '1' }, '/home/u')).toMatchObject({ dir: '/home/u/.docker', verify: true });
    expect(() => tlsMaterial({ dir: '/nonexistent', verify: true, from: 'test' })).toThrow(/ca\.pem cannot be read/);
  });

  it('plain tcp:// without TLS is warned about', () => {
    const e = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.4:2375' }, home: '/h', isSocket: none });
    expect(plainTcpWarning(e)).toMatch(/plain TCP without TLS/);
    expect(plainTcpWarning({ url: 'unix:///var/run/docker.sock', source: 'default', reason: '' })).toBeNull();
  });
});
