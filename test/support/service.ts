import { DirectAccess } from '../../electron/core/access/direct.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectService } from '../../electron/core/service.js';

/** A service on the real engine with direct access, as the CLI builds it. */
export function directService(): NsInspectService {
  return new NsInspectService(new Engine(), new DirectAccess());
}
