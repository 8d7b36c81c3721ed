import type { NsInspectService } from '../core/service.js';
import type { ShellHost } from '../core/shell/host.js';

/**
 * The terminal backend for the browser mode, or null while none is built in:
 * the UI then says that terminals are unavailable.
 */
export async function createShellHost(_service: NsInspectService): Promise<ShellHost | null> {
  return null;
}
