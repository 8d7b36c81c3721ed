import { describe, expect, it } from 'vitest';
import type { ProbeAccess } from '../../electron/core/access/access.js';
import { NsInspectError } from '../../electron/core/errors.js';
import { scanProcesses } from '../../electron/core/probe/scan.js';

describe('the process scan', () => {
  it('a /proc it cannot list is an error with what to do, not an internal one', async () => {
    const access = {
      kind: 'docker-helper',
      listDir: async () => ({ ok: false, error: { code: 'failed', message: 'ls /proc: helper exited' } }),
    } as unknown as ProbeAccess;
    const err = await scanProcesses(access, ['pid']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NsInspectError);
    expect(err).toMatchObject({ code: 'failed', message: 'ls /proc: helper exited', hint: expect.stringMatching(/--access/) });
  });
});
