import { describe, expect, it } from 'vitest';
import { pkexecError } from '../../electron/core/access/host-helper/pkexec.js';

// pkexec's stderr as polkit 122 (Debian 12) prints it; the no-agent line is checked against the
// real pkexec in test/install/install-path.test.ts.
describe('pkexecError: what pkexec said, as something to act on', () => {
  it('no agent (no /dev/tty for the text agent either): says to run an agent or use another backend', () => {
    const e = pkexecError(
      "Error creating textual authentication agent: Error opening current controlling terminal for the process (`/dev/tty'): No such device or address\n",
      'the host helper exited',
    );
    expect(e.code).toBe('permission');
    expect(e.message).toMatch(/no polkit authentication agent is running/);
    expect(e.hint).toMatch(/polkit agent.*docker-helper/);
  });

  it('dialog dismissed: authentication cancelled', () => {
    expect(pkexecError('Error executing command as another user: Request dismissed\n', 'x').message).toMatch(/^authentication cancelled/);
  });

  it('refused: wrong password or not an administrator; not the "incident" line', () => {
    const e = pkexecError('Error executing command as another user: Not authorized\n\nThis incident has been reported.\n', 'x');
    expect(e.message).toMatch(/polkit did not authorise the host helper/);
    expect(e.message).not.toMatch(/incident/);
  });

  it("anything else: pkexec's last lines, or the fallback, and how to check the install", () => {
    expect(pkexecError('Error accessing /usr/lib/nsinspect/nsinspect-host-helper: No such file or directory\n', 'x').message).toBe(
      'the host helper could not be started with pkexec: Error accessing /usr/lib/nsinspect/nsinspect-host-helper: No such file or directory',
    );
    const e = pkexecError('', 'the host helper exited');
    expect(e.message).toBe('the host helper could not be started with pkexec: the host helper exited');
    expect(e.hint).toMatch(/pkaction --action-id io\.nsinspect\.host-helper/);
  });

  it('the shell helper: names its own action', () => {
    const e = pkexecError('Error executing command as another user: Not authorized\n', 'x', 'shells');
    expect(e.message).toMatch(/action io\.nsinspect\.host-shell/);
    expect(pkexecError('', 'x', 'shells').hint).toMatch(/pkaction --action-id io\.nsinspect\.host-shell /);
  });
});
