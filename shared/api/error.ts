import type { MessageId, MessageParams } from '../messages.js';

/**
 * An error as it crosses the API: the category, the English message and hint (the CLI's),
 * and, when catalogued, the message's stable id and parameters, which the UI translates.
 */
export interface ApiError {
  code: string;
  message: string;
  hint?: string;
  id?: MessageId;
  params?: MessageParams;
}
