import { describe, expect, it } from 'vitest';
import { CONTAINER_REF, HOST_KEY, qualifyRef, sameHost, splitHostRef } from '../../shared/model/index.js';

describe('host-qualified references', () => {
  it('leaves the first host bare and qualifies the others, both ways', () => {
    expect(qualifyRef(null, 'web')).toBe('web');
    expect(qualifyRef('staging', 'web')).toBe('staging/web');
    expect(splitHostRef('staging/web')).toEqual({ host: 'staging', ref: 'web' });
    expect(splitHostRef('web')).toEqual({ host: null, ref: 'web' });
  });

  it('a qualified reference is never a bare container reference, and a context name is a host key', () => {
    expect(CONTAINER_REF.test('staging/web')).toBe(false);
    for (const k of ['default', 'nsi-rem-ssh', 'prod.eu+1']) expect(HOST_KEY.test(k), k).toBe(true);
    for (const k of ['', 'a/b', '-x', '../x', 'a b']) expect(HOST_KEY.test(k), k).toBe(false);
  });

  it('untagged answers are on the one host there is', () => {
    const t = { key: 'a', label: 'a', endpoint: 'unix:///x' };
    expect(sameHost(undefined, undefined)).toBe(true);
    expect(sameHost(t, { ...t })).toBe(true);
    expect(sameHost(t, { ...t, key: 'b' })).toBe(false);
    expect(sameHost(t, undefined)).toBe(false);
  });
});
