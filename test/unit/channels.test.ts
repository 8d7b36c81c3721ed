// The one channel list against the schemas the serving side validates with: every client is
// built from the list, so a channel missing from it would be unreachable from the UI.
import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../shared/api/channels.js';
import { requestSchemas } from '../../shared/api/contract.js';
import { makeClient } from '../../shared/api/make-client.js';

describe('the channel list', () => {
  it('names exactly the channels that have a schema', () => {
    expect([...REQUEST_CHANNELS].sort()).toEqual(Object.keys(requestSchemas).sort());
  });

  it('makeClient gives one function per channel, each carrying its own name and arguments', async () => {
    const seen: unknown[] = [];
    const client = makeClient(async (channel, args) => (seen.push([channel, args]), channel));
    expect(Object.keys(client).sort()).toEqual(Object.keys(requestSchemas).sort());
    for (const c of REQUEST_CHANNELS) await expect((client[c] as (...a: unknown[]) => Promise<unknown>)(1, 'a')).resolves.toBe(c);
    expect(seen).toEqual(REQUEST_CHANNELS.map((c) => [c, [1, 'a']]));
  });
});
