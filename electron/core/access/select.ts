import type { AccessKind } from '../../../shared/model/index.js';
import { NsInspectError } from '../errors.js';
import type { ProbeAccess } from './access.js';
import { DirectAccess } from './direct.js';

export const ACCESS_KINDS: readonly AccessKind[] = ['direct', 'docker-helper', 'host-helper'];

export function isAccessKind(v: unknown): v is AccessKind {
  return typeof v === 'string' && (ACCESS_KINDS as readonly string[]).includes(v);
}

export interface AccessOptions {
  kind?: AccessKind;
}

/** The backend that serves the probe's reads; see the README's "Access backends". */
export async function createAccess(opts: AccessOptions = {}): Promise<ProbeAccess> {
  const kind = opts.kind ?? 'direct';
  if (kind === 'direct') return new DirectAccess();
  throw new NsInspectError('unsupported', `access backend "${kind}" is not available in this build`, 'use --access direct (as root)');
}
