import { useCallback, useState } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import { asApiError } from '../api';

/** One API call a view makes on demand (a button): its answer or its error, and whether it is under way. */
export function useRequest<A extends unknown[], R>(call: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        setResult(await call(...args));
      } catch (e) {
        setResult(null);
        setError(asApiError(e));
      } finally {
        setBusy(false);
      }
    },
    [call],
  );
  return { busy, result, error, run };
}
