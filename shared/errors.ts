import { englishOf, MESSAGES, type MessageId, type MessageParams } from './messages.js';

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
 * `id` and `params` (from `fail`) let a face say it in the reader's language;
 * message and hint are the English the CLI prints.
 */
export class NsInspectError extends Error {
  id?: MessageId;
  params?: MessageParams;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'NsInspectError';
  }
}

/** Maps the ProblemCode of a catalogue entry onto the ErrorCode an error carries. */
const ERROR_CODE_OF: Record<string, ErrorCode> = { missing: 'not-found' };

/** The error of a catalogued message: its English text, plus the key and parameters for translation. */
export function fail(id: MessageId, params: MessageParams = {}, code?: ErrorCode): NsInspectError {
  const { message, hint } = englishOf(id, params);
  const c = code ?? ERROR_CODE_OF[MESSAGES[id].code] ?? (MESSAGES[id].code as ErrorCode);
  const e = new NsInspectError(c, message, hint);
  e.id = id;
  e.params = params;
  return e;
}
