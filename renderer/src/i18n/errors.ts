import { useCallback } from 'react';
import { fillTemplate, isMessageId, MESSAGES, type MessageParams, type Said } from '../../../shared/messages';
import { useUi } from '../store/ui';
import { en, type MessageKey } from './en';
import { translate, type Locale } from './index';
import { messagesVi } from './messages-vi';

/** An error or problem as any face carries it: the English text, and its catalogued id when it has one. */
export interface Telling {
  code: string;
  message: string;
  hint?: string | undefined;
  id?: string | undefined;
  params?: MessageParams | undefined;
}

/** What the UI shows: a line and a hint in the reader's language, and the untranslated detail apart. */
export interface Told {
  message: string;
  hint?: string;
  /** The OS's or engine's own words (or, for an uncatalogued message, the English whole): shown secondary. */
  detail?: string;
}

const GENERIC = new Set(['input', 'not-found', 'not-running', 'engine', 'permission', 'gone', 'unsupported', 'failed', 'disconnected']);

/** Parameters as the locale says them: container states and actions are words, not names. */
function localParams(locale: Locale, params: MessageParams): MessageParams {
  const out: MessageParams = { ...params };
  const word = (prefix: string, v: string | number | undefined) => {
    const key = `${prefix}${String(v)}`;
    return key in en ? translate(locale, key as MessageKey) : undefined;
  };
  const state = word('state.', params.state);
  if (state !== undefined) out.state = state;
  const action = word('actions.verb.', params.action);
  if (action !== undefined) out.action = action;
  return out;
}

/** An engine or helper message in the locale: never an English sentence in a Vietnamese line. */
export function tell(locale: Locale, e: Telling): Told {
  const detail = e.params?.detail !== undefined ? String(e.params.detail) : undefined;
  if (isMessageId(e.id)) {
    const params = e.params ?? {};
    if (locale === 'en') {
      const t = MESSAGES[e.id] as { message: string; hint?: string };
      return { message: fillTemplate(t.message, params), ...(t.hint ? { hint: fillTemplate(t.hint, params) } : {}) };
    }
    const t = messagesVi[e.id];
    const p = localParams(locale, params);
    return {
      message: fillTemplate(t.message, p),
      ...(t.hint ? { hint: fillTemplate(t.hint, p) } : {}),
      ...(detail ? { detail } : {}),
    };
  }
  if (locale === 'en') return { message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  // Not in the catalogue (an older engine, a bug): a line in the reader's language, the English apart.
  const key = `err.generic.${GENERIC.has(e.code) ? e.code : 'failed'}` as MessageKey;
  return { message: translate(locale, key), detail: e.hint ? `${e.message} — ${e.hint}` : e.message };
}

/**
 * An explanation (why this engine, why this backend) in the locale: its catalogued line when it
 * has a key, else the English it came with (an older engine), since it is no error to generalise.
 */
export function say(locale: Locale, english: string, s: Said | undefined): string {
  if (!s || !isMessageId(s.id)) return english;
  return tell(locale, { code: 'note', message: english, id: s.id, params: s.params }).message;
}

/** say() for the current locale. */
export function useSay(): (english: string, s: Said | undefined) => string {
  const locale = useUi((s) => s.locale);
  return useCallback((english: string, s: Said | undefined) => say(locale, english, s), [locale]);
}

/** tell() for the current locale. */
export function useTell(): (e: Telling) => Told {
  const locale = useUi((s) => s.locale);
  return useCallback((e: Telling) => tell(locale, e), [locale]);
}
