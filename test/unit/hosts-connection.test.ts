// Several engine hosts behind one connection (serve --context a --context b): calls routed by
// the host a reference names, answers and events qualified by their host, compare across hosts.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Container, Inspection } from '../../shared/model/index.js';
import { openHostsConnection } from '../../electron/core/hosts/connection.js';
import type { AskpassBroker } from '../../electron/core/api/askpass-broker.js';
import { fakeHostSet, ID } from '../support/fake-hosts.js';

function rig() {
  const log: string[] = [];
  const { set, made } = fakeHostSet(log);
  set.open(null);
  set.open('staging');
  const events: Array<{ event: string; payload: unknown }> = [];
  const conn = openHostsConnection(
    set,
    (event, payload) => events.push({ event, payload }),
    new EventEmitter() as unknown as AskpassBroker,
  );
  return { set, conn, log, made, events };
}

describe('several hosts behind one connection', () => {
  it('lists every host’s containers, tagged, with IDs unique: bare on the first host, KEY/ID on the others', async () => {
    const { conn } = rig();
    const list = (await conn.call('listContainers', [])) as Container[];
    expect(list.map((c) => [c.id, c.host?.key, c.host?.endpoint])).toEqual([
      [ID, 'default', 'ssh://default'],
      [`staging/${ID}`, 'staging', 'ssh://staging'],
    ]);
  });

  it('routes a call to the host its reference names, with the bare reference', async () => {
    const { conn, log } = rig();
    const i = (await conn.call('inspect', ['staging/web'])) as Inspection;
    expect(log).toEqual(['ssh://staging inspect web']);
    expect(i.origin?.key).toBe('staging');
    expect(i.target.kind === 'container' && i.target.container.id).toBe(`staging/${ID}`);
    await conn.call('inspect', ['web']);
    expect(log[1]).toBe('ssh://default inspect web');
  });

  it('compares across hosts by inspecting each on its own host: every type "different hosts", contents still compared', async () => {
    const { conn, log } = rig();
    const c = (await conn.call('compare', ['web', 'staging/web'])) as import('../../shared/model/index.js').Comparison;
    expect(log.sort()).toEqual(['ssh://default inspect web', 'ssh://staging inspect web']);
    expect(c.namespaces.every((n) => n.differentHosts && n.shared === false)).toBe(true);
    expect(c.diff.uts.changed).toEqual(['hostname']);
  });

  it('compares on one host there, and "host" beside a container is that container’s host', async () => {
    const { conn, log } = rig();
    await conn.call('compare', ['staging/web', 'host']);
    expect(log).toEqual(['ssh://staging compare web host']);
  });

  it('refuses references and host names that are not ones, and hosts that are not open', async () => {
    const { conn } = rig();
    await expect(conn.call('inspect', ['../web'])).rejects.toMatchObject({ id: 'api.bad-arguments' });
    await expect(conn.call('inspect', ['a/b/c'])).rejects.toMatchObject({ id: 'api.bad-arguments' });
    await expect(conn.call('hostOpen', ['no/such'])).rejects.toMatchObject({ id: 'api.bad-arguments' });
    await expect(conn.call('inspect', ['spare/web'])).rejects.toMatchObject({ id: 'host.not-open' });
    await expect(conn.call('hostOpen', ['nosuch'])).rejects.toMatchObject({ id: 'host.no-context' });
    await expect(conn.call('hostClose', ['default'])).rejects.toMatchObject({ id: 'host.first' });
  });

  it('opens and closes a host at run time; its events are qualified and stop when it closes', async () => {
    const { conn, made, events, log } = rig();
    const state = (await conn.call('hostOpen', ['spare'])) as import('../../shared/model/index.js').HostsState;
    expect(state.open.map((h) => [h.tag.key, h.primary, h.status])).toEqual([
      ['default', true, 'connected'],
      ['staging', false, 'connected'],
      ['spare', false, 'connected'],
    ]);
    expect(state.contexts.map((c) => c.name)).toEqual(['default', 'staging', 'spare']);
    made.get('spare')!.bus.emit('c', { kind: 'removed', id: ID });
    expect(events.filter((e) => e.event === 'containers').map((e) => e.payload)).toEqual([{ kind: 'removed', id: `spare/${ID}` }]);
    await conn.call('hostClose', ['spare']);
    expect(log).toContain('ssh://spare closed');
    expect(events.at(-1)).toMatchObject({ event: 'hosts' });
    made.get('spare')!.bus.emit('c', { kind: 'removed', id: ID });
    expect(events.filter((e) => e.event === 'containers')).toHaveLength(1);
    expect(((await conn.call('listContainers', [])) as Container[]).map((c) => c.host?.key)).toEqual(['default', 'staging']);
  });
});
