import { useCallback } from 'react';
import { useUi } from '../store/ui';
import { en, type MessageKey } from './en';
import type { Locale } from './locale';
import { vi } from './vi';

export type { Locale };
export type { MessageKey };
export const LOCALES: Record<Locale, { name: string; messages: Record<MessageKey, string> }> = {
  en: { name: 'English', messages: en },
  vi: { name: 'Tiếng Việt', messages: vi },
};

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  // A count of one takes the key's ".one" form where the catalogue has one ("1 process").
  const one = `${key}.one`;
  if (params?.n === 1 && one in en) key = one as MessageKey;
  const text = LOCALES[locale].messages[key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

export type T = (key: MessageKey, params?: Params) => string;

/** The translate function for the current locale. */
export function useT(): T {
  const locale = useUi((s) => s.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}
