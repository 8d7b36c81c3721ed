import { NsInspectError } from '../../errors.js';
import { READ_ACTION, SHELL_ACTION } from '../install-location.js';
import type { HelperMode } from './protocol.js';

const OTHER_BACKEND = 'or use the docker-helper (join the docker group; --access docker-helper, or choose it in Settings)';

/**
 * pkexec's refusal, for the user: what polkit said, in words that say what to do. Built from
 * pkexec's own stderr (polkit 0.105 to 125 print these lines), never a stack trace.
 */
export function pkexecError(stderr: string, fallback: string, mode: HelperMode = 'read'): NsInspectError {
  const action = mode === 'shells' ? SHELL_ACTION : READ_ACTION;
  const last = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^This incident has been reported/.test(l))
    .slice(-2)
    .join('; ');
  // No agent registered for the session: pkexec then tries a text agent on /dev/tty, which a
  // desktop app does not have ("Error creating textual authentication agent").
  if (/No authentication agent found|Error creating textual authentication agent/i.test(stderr)) {
    return new NsInspectError(
      'permission',
      'the host helper was not started: no polkit authentication agent is running in this session, so pkexec cannot ask for an administrator password',
      `log in to a desktop session that runs a polkit agent (GNOME, KDE, Xfce and most desktops start one; on a bare window manager start one, e.g. lxpolkit or polkit-gnome), ${OTHER_BACKEND}`,
    );
  }
  if (/Request dismissed/i.test(stderr)) {
    return new NsInspectError(
      'permission',
      'authentication cancelled: the host helper was not started',
      `try again (the next request asks again), ${OTHER_BACKEND}`,
    );
  }
  if (/Not authorized/i.test(stderr)) {
    return new NsInspectError(
      'permission',
      `polkit did not authorise the host helper (action ${action}): wrong password, or this account may not administer the machine`,
      `ask an administrator, ${OTHER_BACKEND}`,
    );
  }
  return new NsInspectError(
    'permission',
    `the host helper could not be started with pkexec: ${last || fallback}`,
    `check the installation (pkaction --action-id ${action} must list the action; reinstall the nsinspect package), ${OTHER_BACKEND}`,
  );
}
