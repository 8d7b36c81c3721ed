export type ErrorCode =
  | 'input'
  | 'not-found'
  | 'not-running'
  | 'engine'
  | 'permission'
  | 'gone'
  | 'unsupported'
  | 'failed'
  /** The request would ask for an administrator password for more power (a root shell): say so, then send it again confirmed. */
  | 'needs-confirmation';

/**
 * An error the user is meant to read: one line of what happened and one of
 * what to do. Anything else that escapes is a bug and is shown as such.
 * Here rather than in the core so that shared validators can raise it too.
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
