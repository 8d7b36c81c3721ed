import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerodeOptions, resolveEndpoint } from '../../electron/core/engine/endpoint.js';
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

  it("an endpoint it cannot use is the user's to fix, not an internal error", () => {
    for (const url of ['ftp://x', 'not a url']) {
      const err = (() => {
        try {
          dockerodeOptions(url);
        } catch (e) {
          return e;
        }
      })();
      expect(err, url).toBeInstanceOf(NsInspectError);
      expect(err, url).toMatchObject({ code: 'input', hint: expect.stringMatching(/DOCKER_HOST/) });
    }
  });
});
