import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import type { Topology } from '../../../shared/model/hostmap';
import { api, asApiError } from '../api';

/** After a container change, the picture is read again this long after the first change of a burst. */
export const REFETCH_AFTER_MS = 600;
export const TOPOLOGY_MARK = 'nsinspect:topology-answered';

/**
 * The topology, read once at first and again after container changes: at most one request at
 * a time, and one more after it when changes came meanwhile. An answer is never thrown away
 * because the list changed while it was on its way: with containers coming and going all the
 * time (a compose up, a bench), each answer would be dropped and the picture never drawn.
 */
export function useTopology(changes: unknown): { topo: Topology | null; err: ApiError | null; busy: boolean; refresh: () => void } {
  const [topo, setTopo] = useState<Topology | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  const inFlight = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const read = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setBusy(true);
    api()
      .topology()
      .then(
        (tp) => {
          // For the bench: when the answer came, to tell the engine's time from the drawing's.
          performance.mark(TOPOLOGY_MARK);
          if (!mounted.current) return;
          setTopo(tp);
          setErr(null);
        },
        (e) => mounted.current && setErr(asApiError(e)),
      )
      .finally(() => {
        inFlight.current = false;
        if (!mounted.current) return;
        setBusy(false);
        if (again.current) {
          again.current = false;
          read();
        }
      });
  }, []);

  useEffect(() => {
    mounted.current = true;
    read();
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [read]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    timer.current ??= setTimeout(() => {
      timer.current = null;
      read();
    }, REFETCH_AFTER_MS);
  }, [changes, read]);

  return { topo, err, busy, refresh: read };
}
