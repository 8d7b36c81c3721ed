import { describe, expect, it } from 'vitest';
import { derivedUsernsMode } from '../../electron/core/userns-mode.js';
import { container } from '../renderer/fake-api.js';

const withUser = (user: number | undefined, userns: string) => {
  const c = container('c');
  return { ...c, modes: { ...c.modes, userns }, ...(user === undefined ? {} : { namespaces: { user } }) };
};

describe('modes.userns from the namespace, not the engine setting', () => {
  it('a remapped container the engine calls "host" (its default "") is private', () => {
    expect(derivedUsernsMode(withUser(4026532929, 'host'), 4026531837).modes.userns).toBe('private');
  });
  it("the engine's own word is kept when the namespace is its own", () => {
    expect(derivedUsernsMode(withUser(4026532929, 'auto'), 4026531837).modes.userns).toBe('auto');
  });
  it('the host user namespace is host, whatever the setting', () => {
    expect(derivedUsernsMode(withUser(4026531837, 'private'), 4026531837).modes.userns).toBe('host');
  });
  it('unknown inodes leave the engine value', () => {
    expect(derivedUsernsMode(withUser(undefined, 'host'), 4026531837).modes.userns).toBe('host');
    expect(derivedUsernsMode(withUser(4026532929, 'host'), undefined).modes.userns).toBe('host');
  });
});
