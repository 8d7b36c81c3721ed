import { describe, expect, it } from 'vitest';
import {
  HOST_HELPER_POLICY,
  HOST_HELPER_SCRIPT,
  HOST_HELPER_WRAPPER,
  HOST_SHELL_WRAPPER,
  hostHelperInstalled,
  hostShellInstalled,
} from '../../electron/core/access/install-location.js';

const installed = new Set([HOST_HELPER_WRAPPER, HOST_HELPER_SCRIPT, HOST_HELPER_POLICY]);
const exists = (files: Set<string>) => (p: string) => files.has(p);
const DEB_EXEC = '/opt/nsinspect/nsinspect';

describe('hostHelperInstalled', () => {
  it('is usable from a deb/rpm install with wrapper, helper and policy present', () => {
    const r = hostHelperInstalled({}, exists(installed), DEB_EXEC);
    expect(r.usable).toBe(true);
    expect(r.reason).toContain(HOST_HELPER_WRAPPER);
  });

  it('is not usable from an AppImage (APPIMAGE set), even with the deb installed too', () => {
    const r = hostHelperInstalled({ APPIMAGE: '/home/u/nsinspect-0.1.0.AppImage' }, exists(installed), '/tmp/.mount_nsinspXYZ/nsinspect');
    expect(r).toEqual({
      usable: false,
      reason: "running from an AppImage (mounted at a random path, which polkit's exec.path cannot match): using the docker-helper instead",
      missing: { appImage: true },
    });
  });

  it('recognises an AppImage by its mount point when APPIMAGE is not set', () => {
    const r = hostHelperInstalled({}, exists(installed), '/tmp/.mount_nsinspAbC123/nsinspect');
    expect(r.usable).toBe(false);
    expect(r.reason).toMatch(/AppImage/);
  });

  it.each([HOST_HELPER_WRAPPER, HOST_HELPER_SCRIPT, HOST_HELPER_POLICY])('is not usable when %s is missing', (missing) => {
    const files = new Set([...installed].filter((f) => f !== missing));
    const r = hostHelperInstalled({}, exists(files), DEB_EXEC);
    expect(r.usable).toBe(false);
    expect(r.reason).toContain(missing);
    expect(r.reason).toMatch(/docker-helper/);
  });

  it('does not treat an empty APPIMAGE as an AppImage', () => {
    expect(hostHelperInstalled({ APPIMAGE: '' }, exists(installed), DEB_EXEC).usable).toBe(true);
  });

  it('defaults to the real process and file system', () => {
    // Whatever this machine has installed, the answer must be well-formed.
    const r = hostHelperInstalled();
    expect(typeof r.usable).toBe('boolean');
    expect(r.reason.length).toBeGreaterThan(0);
  });

  it('the shell helper needs its own wrapper: without it, reading is offered and shells are not', () => {
    expect(hostShellInstalled({}, exists(installed), DEB_EXEC)).toEqual({
      usable: false,
      reason: expect.stringContaining(HOST_SHELL_WRAPPER),
      missing: { file: HOST_SHELL_WRAPPER },
    });
    const all = new Set([...installed, HOST_SHELL_WRAPPER]);
    expect(hostShellInstalled({}, exists(all), DEB_EXEC)).toEqual({
      usable: true,
      reason: `host helper installed at ${HOST_SHELL_WRAPPER}`,
    });
    expect(hostShellInstalled({ APPIMAGE: '/x.AppImage' }, exists(all), DEB_EXEC).usable).toBe(false);
  });
});
