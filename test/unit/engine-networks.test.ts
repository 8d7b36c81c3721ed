import { describe, expect, it } from 'vitest';
import { engineNetworks } from '../../electron/core/engine/networks.js';

describe("the engine's networks", () => {
  it('finds each bridge network’s host bridge as Docker names it, and a macvlan’s parent', () => {
    const list = [
      { Id: '62ed10336feb0000', Name: 'bridge', Driver: 'bridge', Options: { 'com.docker.network.bridge.name': 'docker0' } },
      { Id: '5dcc0944400812345678', Name: 'shop_default', Driver: 'bridge', Options: {} },
      { Id: 'aa', Name: 'custom', Driver: 'bridge', Options: { 'com.docker.network.bridge.name': 'mybr0' } },
      { Id: 'bb', Name: 'mv', Driver: 'macvlan', Options: { parent: 'eth0' } },
      { Id: 'cc', Name: 'host', Driver: 'host', Options: null },
      { Id: 'dd', Driver: 'bridge' },
    ];
    expect(engineNetworks(list)).toEqual([
      { name: 'bridge', driver: 'bridge', bridge: 'docker0', parent: null },
      { name: 'shop_default', driver: 'bridge', bridge: 'br-5dcc09444008', parent: null },
      { name: 'custom', driver: 'bridge', bridge: 'mybr0', parent: null },
      { name: 'mv', driver: 'macvlan', bridge: null, parent: 'eth0' },
      { name: 'host', driver: 'host', bridge: null, parent: null },
    ]);
  });
});
