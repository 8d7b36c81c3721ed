// @vitest-environment happy-dom
// Where the browser-mode page keeps its token: out of the address bar and of cookies, in this
// tab's sessionStorage, and offered on the socket as a subprotocol.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Token = typeof import('../../renderer/src/api/token.js');
type Ws = typeof import('../../renderer/src/api/ws.js');

const opened: { url: string; protocols: unknown }[] = [];
class FakeSocket {
  static OPEN = 1;
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  constructor(url: string, protocols?: unknown) {
    opened.push({ url, protocols });
  }
  send() {}
}

async function fresh(): Promise<{ token: Token; ws: Ws }> {
  vi.resetModules();
  return { token: await import('../../renderer/src/api/token.js'), ws: await import('../../renderer/src/api/ws.js') };
}

beforeEach(() => {
  opened.length = 0;
  sessionStorage.clear();
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

describe('the page token', () => {
  it('moves from the URL into sessionStorage, and out of the address bar', async () => {
    history.replaceState(null, '', '/?token=abc123&view=net#top');
    const { token } = await fresh();
    expect(token.adoptToken()).toBe('abc123');
    expect(location.href).not.toContain('abc123');
    expect(location.search).toBe('?view=net');
    expect(location.hash).toBe('#top');
    expect(sessionStorage.getItem('nsinspect.token')).toBe('abc123');
    expect(document.cookie).toBe('');
  });

  it('survives a reload of the tab (sessionStorage), with no token in the URL', async () => {
    sessionStorage.setItem('nsinspect.token', 'kept');
    const { token } = await fresh();
    expect(token.currentToken()).toBe('kept');
  });

  it('is offered on the socket as a subprotocol, beside ours', async () => {
    history.replaceState(null, '', '/?token=abc123');
    const { token, ws } = await fresh();
    token.adoptToken();
    const client = ws.createWsClient('ws://127.0.0.1:1/api');
    expect(client.link()).toBe('connecting');
    expect(opened).toEqual([{ url: 'ws://127.0.0.1:1/api', protocols: ['nsinspect.v1', 'nsinspect.token.abc123'] }]);
  });

  it('without one, the page does not connect and says what to open', async () => {
    const { ws } = await fresh();
    const client = ws.createWsClient('ws://127.0.0.1:1/api');
    expect(client.link()).toBe('no-token');
    expect(opened).toEqual([]);
    await expect(client.engineState()).rejects.toMatchObject({ code: 'permission', hint: expect.stringContaining('?token=') });
  });
});
