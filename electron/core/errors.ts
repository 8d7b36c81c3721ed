import type { Problem, ProblemCode } from '../../shared/model/index.js';
import { NsInspectError, type ErrorCode } from '../../shared/errors.js';

export { NsInspectError, type ErrorCode };

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
export function errorFromProblem(p: Problem, fallbackHint?: string): NsInspectError {
  return new NsInspectError(CODE_OF_PROBLEM[p.code], p.message, p.hint ?? fallbackHint);
}
