// The docker-helper's default image is pinned by digest. (That Settings shows what the helper
// container really gets is checked against docker inspect in test/access/helpers.test.ts.)
import { describe, expect, it } from 'vitest';
import { DEFAULT_HELPER_IMAGE, helperStartProblem, loadHint } from '../../electron/core/access/docker-helper.js';
import { IMAGE_REF } from '../../shared/api/settings.js';

describe('the docker-helper image', () => {
  it('is busybox 1.36.1 pinned by the digest of its index', () => {
    expect(DEFAULT_HELPER_IMAGE).toMatch(/^busybox:1\.36\.1@sha256:[0-9a-f]{64}$/);
    expect(IMAGE_REF.test(DEFAULT_HELPER_IMAGE)).toBe(true);
  });

  it('says how to load it where it cannot be pulled: a pinned one by its tag, since docker load drops digests', () => {
    const pinned = loadHint(DEFAULT_HELPER_IMAGE);
    expect(pinned).toContain(
      `docker pull ${DEFAULT_HELPER_IMAGE} && docker tag ${DEFAULT_HELPER_IMAGE} busybox:1.36.1 && docker save busybox:1.36.1 | ssh HOST docker load`,
    );
    expect(pinned).toContain('--helper-image busybox:1.36.1');
    const tagged = loadHint('registry.example:5000/tools/nsenter:2');
    expect(tagged).toContain('docker save registry.example:5000/tools/nsenter:2 | ssh HOST docker load');
    expect(tagged).not.toContain('docker tag');
    expect(tagged).toContain('--helper-image IMAGE');
  });
});

describe('the docker-helper under a rootless engine', () => {
  // runc's words under rootless Docker, as the issue quotes them.
  const rootless =
    'OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "proc" to rootfs at "/proc": mount proc:/proc (via /proc/self/fd/7), flags: 0xe: operation not permitted: unknown';

  it('says the engine is rootless and points at direct access', () => {
    const p = helperStartProblem('busybox:1.36.1', rootless);
    expect(p.message).toMatch(/engine is rootless/);
    expect(p.message).toContain('mount proc');
    expect(p.hint).toMatch(/--access direct/);
  });

  it('any other failure keeps the engine message and the general hint', () => {
    const p = helperStartProblem('busybox:1.36.1', 'No such image: busybox:1.36.1');
    expect(p.message).toBe('cannot start the helper container (busybox:1.36.1): No such image: busybox:1.36.1');
    expect(p.hint).toMatch(/--pid=host/);
  });
});
