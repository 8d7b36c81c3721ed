import { fail, type NsInspectError } from '../../errors.js';
import { READ_ACTION, SHELL_ACTION } from '../install-location.js';
import type { HelperMode } from './protocol.js';

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
  if (/No authentication agent found|Error creating textual authentication agent/i.test(stderr)) return fail('host-helper.no-agent');
  if (/Request dismissed/i.test(stderr)) return fail('host-helper.pkexec-cancelled');
  if (/Not authorized/i.test(stderr)) return fail('host-helper.pkexec-refused', { action });
  return fail('host-helper.pkexec-failed', { action, detail: last || fallback });
}
