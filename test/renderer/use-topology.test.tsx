import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Topology } from '../../shared/model/hostmap.js';
import { setApi } from '../../renderer/src/api/index.js';
import { REFETCH_AFTER_MS, useTopology } from '../../renderer/src/views/use-topology.js';
import { fakeApi } from './fake-api.js';

const topo = (n: number): Topology => ({ bridges: [{ name: `br${n}`, ifindex: n, addresses: [], state: 'UP' }], veths: [], netns: [] });

function Probe({ changes }: { changes: number }) {
  const { topo } = useTopology(changes);
  return <p data-testid="bridge">{topo?.bridges[0]?.name ?? 'none'}</p>;
}

describe('the network view’s topology requests', () => {
  afterEach(() => {
    setApi(null);
    vi.useRealTimers();
  });

  it('keeps an answer that arrives while containers change, and asks once more after it', async () => {
    vi.useFakeTimers();
    const answers: ((t: Topology) => void)[] = [];
    const api = fakeApi({ topology: () => new Promise<Topology>((r) => answers.push(r)) });
    setApi(api.client);
    const { rerender } = render(<Probe changes={0} />);
    expect(answers).toHaveLength(1);
    // A burst of container changes while the first request is on its way.
    for (let i = 1; i <= 5; i++) rerender(<Probe changes={i} />);
    await act(async () => vi.advanceTimersByTimeAsync(REFETCH_AFTER_MS));
    expect(answers).toHaveLength(1);
    await act(async () => answers[0]!(topo(1)));
    expect(screen.getByTestId('bridge').textContent).toBe('br1');
    // The changes came after the first request left: one more, not one per change.
    expect(answers).toHaveLength(2);
    await act(async () => answers[1]!(topo(2)));
    expect(screen.getByTestId('bridge').textContent).toBe('br2');
    await act(async () => vi.advanceTimersByTimeAsync(5 * REFETCH_AFTER_MS));
    expect(api.calls.filter((c) => c.channel === 'topology')).toHaveLength(2);
  });
});
