import type { ApiError, NsInspectApi } from '../../../shared/api/contract';
import { englishOf, isMessageId, MESSAGES, type MessageId, type MessageParams } from '../../../shared/messages';

/** no-token: the page was opened without the URL `nsinspect serve` printed, so it cannot connect. */
export type LinkState = 'connecting' | 'open' | 'lost' | 'no-token';

/** The API as the renderer uses it, plus the state of the link to whatever serves it. */
export type ApiClient = NsInspectApi & {
  readonly face: 'electron' | 'browser' | 'test';
  onLink(listener: (s: LinkState) => void): () => void;
  link(): LinkState;
};

/** An error from the API, with the code, hint and catalogued id the UI shows. */
export class ApiFailure extends Error implements ApiError {
  readonly code: string;
  readonly hint?: string;
  readonly id?: MessageId;
  readonly params?: MessageParams;
  constructor(e: ApiError) {
    super(e.message);
    this.name = 'ApiFailure';
    this.code = e.code;
    if (e.hint) this.hint = e.hint;
    if (e.id) {
      this.id = e.id;
      this.params = e.params ?? {};
    }
  }
}

/** A catalogued error raised on this side (the link to `nsinspect serve`). */
export function localFailure(id: MessageId): ApiFailure {
  return new ApiFailure({ ...englishOf(id), code: MESSAGES[id].code, id, params: {} });
}

export function asApiError(e: unknown): ApiError {
  const err = e as { code?: unknown; message?: unknown; hint?: unknown; id?: unknown; params?: unknown };
  if (err && typeof err.message === 'string' && typeof err.code === 'string') {
    return {
      code: err.code,
      message: err.message,
      ...(typeof err.hint === 'string' ? { hint: err.hint } : {}),
      ...(isMessageId(err.id) ? { id: err.id, params: (err.params ?? {}) as MessageParams } : {}),
    };
  }
  return { code: 'internal', message: (e as Error)?.message ?? String(e) };
}
