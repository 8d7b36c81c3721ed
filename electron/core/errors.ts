import { type Container, type Problem, type ProblemCode } from '../../shared/model/index.js';
import { fail, NsInspectError, type ErrorCode } from '../../shared/errors.js';

export { fail, NsInspectError, type ErrorCode };

const CODE_OF_PROBLEM: Record<ProblemCode, ErrorCode> = {
  permission: 'permission',
  gone: 'gone',
  missing: 'not-found',
  unsupported: 'unsupported',
  engine: 'engine',
  failed: 'failed',
};

/**
 * A Problem that leaves a whole answer without its data (not just one section) becomes the
 * answer's error; fallbackHint says what to do when the problem itself does not.
 */
export function errorFromProblem(p: Problem, fallbackHint?: string, code?: ErrorCode): NsInspectError {
  const e = new NsInspectError(code ?? CODE_OF_PROBLEM[p.code], p.message, p.hint ?? fallbackHint);
  // The hint of a catalogued problem is its own; a fallback one is English only, so it is not kept then.
  if (p.id && (p.hint || !fallbackHint)) {
    e.id = p.id;
    if (p.params) e.params = p.params;
  }
  return e;
}

/**
 * A container that is not running. Docker's and Podman's are started with the catalogued hint;
 * containerd's are started by their own tools (kubectl, nerdctl, ctr), which startHint names.
 */
export function notRunning(c: Container, state: string): NsInspectError {
  if (c.engine === 'containerd')
    return fail('containerd.not-running', { name: c.name, state, namespace: c.containerd?.namespace ?? 'default', id: c.id });
  return fail('container.not-running', { name: c.name, state });
}
