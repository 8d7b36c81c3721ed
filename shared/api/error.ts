/** An error as it crosses the API: the message and hint the UI shows. */
export interface ApiError {
  code: string;
  message: string;
  hint?: string;
}
