import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../electron/core/engine/engine.js';
import { EndpointError, dockerodeOptions, resolveEndpoint } from '../../electron/core/engine/endpoint.js';
import { NsInspectError } from '../../electron/core/errors.js';

const none = () => false;

describe('engine endpoint resolution', () => {
  it('prefers DOCKER_HOST', () => {
    const e = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' }, home: '/nonexistent', isSocket: () => true });
    expect(e).toMatchObject({ url: 'tcp://127.0.0.1:2375', source: 'DOCKER_HOST' });
  });

  it('follows DOCKER_CONTEXT, then currentContext, to the context endpoint', () => {
    const home = mkdtempSync(join(tmpdir(), 'nsi-home-'));
    const meta = join(home, '.docker/contexts/meta/abc');
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: 'remote', Endpoints: { docker: { Host: 'ssh://me@box' } } }));
    writeFileSync(join(home, '.docker/config.json'), JSON.stringify({ currentContext: 'remote' }));
    expect(resolveEndpoint({ env: {}, home, isSocket: none })).toMatchObject({ url: 'ssh://me@box', source: 'docker-config' });
    expect(resolveEndpoint({ env: { DOCKER_CONTEXT: 'remote' }, home, isSocket: none })).toMatchObject({ source: 'DOCKER_CONTEXT' });
    // The "default" context means the sockets below, not a context file.
    expect(resolveEndpoint({ env: { DOCKER_CONTEXT: 'default' }, home, isSocket: none }).source).toBe('default');
  });

  it('walks rootless, Desktop, system, then Podman sockets', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    const only = (p: string) => (q: string) => q === p;
    expect(resolveEndpoint({ env, home: '/h', isSocket: only('/run/user/1000/docker.sock') }).source).toBe('rootless');
    expect(resolveEndpoint({ env, home: '/h', isSocket: only('/h/.docker/desktop/docker.sock') }).source).toBe('docker-desktop');
    expect(resolveEndpoint({ env, home: '/h', isSocket: only('/var/run/docker.sock') }).source).toBe('default');
    expect(resolveEndpoint({ env, home: '/h', isSocket: only('/run/user/1000/podman/podman.sock') }).source).toBe('podman');
    const fallback = resolveEndpoint({ env, home: '/h', isSocket: none });
    expect(fallback.reason).toMatch(/no engine socket found/);
  });

  it('maps URLs to dockerode options', () => {
    expect(dockerodeOptions('unix:///var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerodeOptions('tcp://10.0.0.1:2375')).toMatchObject({ host: '10.0.0.1', port: 2375 });
    expect(() => dockerodeOptions('ftp://x')).toThrow(/unsupported/);
  });
});

describe('engine endpoint errors and contexts', () => {
  const contextIn = (dir: string, name: string, host: string) => {
    const meta = join(dir, 'contexts/meta', name.replace(/\W/g, '_'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }));
  };

  it('reads contexts from $DOCKER_CONFIG, not only ~/.docker', () => {
    const cfg = mkdtempSync(join(tmpdir(), 'nsi-dcfg-'));
    contextIn(cfg, 'elsewhere', 'tcp://10.0.0.9:2375');
    const e = resolveEndpoint({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'elsewhere' }, home: '/nonexistent', isSocket: none });
    expect(e).toMatchObject({ url: 'tcp://10.0.0.9:2375', source: 'DOCKER_CONTEXT' });
    expect(e.reason).toMatch(/context "elsewhere"/);
    // currentContext is read from the same directory.
    writeFileSync(join(cfg, 'config.json'), JSON.stringify({ currentContext: 'elsewhere' }));
    expect(resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, home: '/nonexistent', isSocket: none })).toMatchObject({
      url: 'tcp://10.0.0.9:2375',
      source: 'docker-config',
    });
  });

  it('an unknown context is an error naming it, never a fall back to a socket', () => {
    const cfg = mkdtempSync(join(tmpdir(), 'nsi-dcfg-'));
    const attempt = () =>
      resolveEndpoint({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'gone' }, home: '/nonexistent', isSocket: () => true });
    expect(attempt).toThrow(EndpointError);
    expect(attempt).toThrow(/context "gone" not found/);
    writeFileSync(join(cfg, 'config.json'), JSON.stringify({ currentContext: 'also-gone' }));
    expect(() => resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, home: '/nonexistent', isSocket: () => true })).toThrow(
      /context "also-gone" not found/,
    );
  });

  it('npipe:// and other schemes are a clear engine error, not an internal one', () => {
    for (const url of ['npipe:////./pipe/docker_engine', 'fd://', 'ftp://x']) {
      let err: unknown;
      try {
        resolveEndpoint({ env: { DOCKER_HOST: url }, home: '/nonexistent', isSocket: none });
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(NsInspectError);
      expect((err as NsInspectError).code).toBe('engine');
      expect((err as NsInspectError).message).toMatch(new RegExp(`unsupported engine endpoint ${url.replace(/[/.]/g, '\\$&')}`));
      expect((err as NsInspectError).hint).toMatch(/unix:\/\//);
    }
    expect(() => resolveEndpoint({ env: { DOCKER_HOST: 'not a url' }, home: '/nonexistent', isSocket: none })).toThrow(/not a URL/);
  });

  it('an engine on a bad endpoint is unreachable with the reason, and start() says it', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'npipe:////./pipe/docker_engine';
    try {
      const engine = new Engine(undefined, { live: false });
      expect(engine.state).toMatchObject({ status: 'unreachable', message: expect.stringMatching(/npipe/) });
      await expect(engine.start()).rejects.toThrow(/unsupported engine endpoint npipe:/);
      await engine.stop();
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});

describe('endpoint choice passes over sockets this user may not open', () => {
  const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
  const podman = '/run/user/1000/podman/podman.sock';
  const present =
    (...p: string[]) =>
    (q: string) =>
      p.includes(q);

  it('a rootless Podman user gets its own socket, not the root:docker one, and is told what was skipped', () => {
    const e = resolveEndpoint({
      env,
      home: '/h',
      isSocket: present('/var/run/docker.sock', podman),
      unusable: (p) => (p === '/var/run/docker.sock' ? 'permission denied (EACCES)' : null),
    });
    expect(e).toMatchObject({ url: `unix://${podman}`, source: 'podman' });
    expect(e.reason).toContain('skipped /var/run/docker.sock (permission denied (EACCES))');
  });

  it('when none may be opened, the first found is used and the reason says it was denied', () => {
    const e = resolveEndpoint({ env, home: '/h', isSocket: present('/var/run/docker.sock'), unusable: () => 'permission denied (EACCES)' });
    expect(e).toMatchObject({ url: 'unix:///var/run/docker.sock', source: 'default' });
    expect(e.reason).toMatch(/but permission denied/);
  });
});
