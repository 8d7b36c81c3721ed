import type { NsInspectService } from '../core/service.js';
import type { ShellHost } from '../core/shell/host.js';
import { shellHostFor } from '../core/shell/manager.js';

/** The terminal backend for the browser mode: the same sessions as the desktop app (every access backend). */
export async function createShellHost(service: NsInspectService): Promise<ShellHost | null> {
  return shellHostFor(service);
}
