import type { Problem, ProblemCode } from '../../shared/model/index.js';

export type ErrorCode = 'input' | 'not-found' | 'not-running' | 'engine' | 'permission' | 'gone' | 'unsupported' | 'failed';

/**
 * An error the user is meant to read: one line of what happened and one of
 * what to do. Anything else that escapes is a bug and is shown as such.
 */
export class NsInspectError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'NsInspectError';
  }
}

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
