import { TOKEN_PARAM } from '../../../shared/api/wire';

/** sessionStorage is per origin (port included) and per tab: no other local port's page can read it. */
const STORAGE_KEY = 'nsinspect.token';

let token: string | null = null;

/**
 * Takes the browser mode's token from the URL `nsinspect serve` printed (?token=…), keeps it in
 * memory and in this tab's sessionStorage (a reload still has it), and takes it out of the
 * address bar and the history entry. Never a cookie: cookies are not scoped by port, so any
 * page on another 127.0.0.1 port would receive one.
 */
export function adoptToken(loc: Location = location, storage: Storage | null = sessionStorageOrNull()): string | null {
  const url = new URL(loc.href);
  const given = url.searchParams.get(TOKEN_PARAM);
  if (given) {
    token = given;
    try {
      storage?.setItem(STORAGE_KEY, given);
    } catch {
      /* storage off: memory only, a reload needs the URL again */
    }
    url.searchParams.delete(TOKEN_PARAM);
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  } else if (token === null) {
    try {
      token = storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      token = null;
    }
  }
  return token;
}

/** The token this page holds, if any. */
export function currentToken(): string | null {
  return token ?? adoptToken();
}

function sessionStorageOrNull(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
