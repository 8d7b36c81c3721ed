import { englishOf, MESSAGES, type MessageId, type MessageParams } from '../messages.js';

/**
 * Why something could not be read. Every section of an answer either carries
 * its data or one of these — never an empty list that looks like a real answer.
 */
export type ProblemCode =
  | 'permission' // EACCES/EPERM: needs root or the privileged helper
  | 'gone' // the process or container went away while we looked
  | 'missing' // the file or program does not exist (e.g. kernel without time namespaces)
  | 'unsupported' // this backend or kernel cannot answer this
  | 'engine' // the container engine refused or is unreachable
  | 'failed'; // anything else; message says what

export interface Problem {
  code: ProblemCode;
  /** One line, says what failed. */
  message: string;
  /** One line, says what to do about it. */
  hint?: string;
  /** The catalogued message this is (shared/messages.ts), for the faces to translate. */
  id?: MessageId;
  params?: MessageParams;
}

export interface Failed {
  error: Problem;
}

/** A section of an answer: its data, or why it is missing. */
export type Section<T> = T | Failed;

export function isFailed<T>(s: Section<T>): s is Failed {
  return typeof s === 'object' && s !== null && 'error' in s && (s as Failed).error !== undefined;
}

export const PRIVILEGE_HINT = 'run as root, or enable the privileged helper (--access docker-helper|host-helper)';

/** The Problem of a catalogued message (shared/messages.ts): English text plus key and parameters. */
export function problem(id: MessageId, params: MessageParams = {}): Problem {
  const { message, hint } = englishOf(id, params);
  return { code: MESSAGES[id].code as ProblemCode, message, ...(hint ? { hint } : {}), id, params };
}
