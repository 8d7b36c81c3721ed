import type { ApiError, NsInspectApi } from '../../../shared/api/contract';

/** no-token: the page was opened without the URL `nsinspect serve` printed, so it cannot connect. */
export type LinkState = 'connecting' | 'open' | 'lost' | 'no-token';

/** The API as the renderer uses it, plus the state of the link to whatever serves it. */
export type ApiClient = NsInspectApi & {
  readonly face: 'electron' | 'browser' | 'test';
  onLink(listener: (s: LinkState) => void): () => void;
  link(): LinkState;
};

/** An error from the API, with the code and hint the UI shows. */
export class ApiFailure extends Error implements ApiError {
  readonly code: string;
  readonly hint?: string;
  constructor(e: ApiError) {
    super(e.message);
    this.name = 'ApiFailure';
    this.code = e.code;
    if (e.hint) this.hint = e.hint;
  }
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiFailure) return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  const err = e as { code?: unknown; message?: unknown; hint?: unknown };
  if (err && typeof err.message === 'string' && typeof err.code === 'string') {
    return { code: err.code, message: err.message, ...(typeof err.hint === 'string' ? { hint: err.hint } : {}) };
  }
  return { code: 'internal', message: (e as Error)?.message ?? String(e) };
}
