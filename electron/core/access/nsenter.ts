import { NSENTER_FLAGS, type NsType } from '../../../shared/model/index.js';

/**
 * argv for util-linux nsenter entering only the given namespaces of pid.
 * Without --mount the program is looked up in the caller's filesystem, which
 * is what lets the host's `ip` run in a distroless container's network.
 */
export function nsenterArgv(pid: number, enter: readonly NsType[], argv: readonly string[]): string[] {
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`invalid pid ${pid}`);
  const flags = [...new Set(enter)].sort().map((t) => NSENTER_FLAGS[t]);
  return ['nsenter', `--target=${pid}`, ...flags, '--', ...argv];
}
