import { en, type MessageKey } from './en.ts';
import { zh } from './zh.ts';

export type { MessageKey } from './en.ts';

/** The UI languages: English and Simplified Chinese. */
export const LANGUAGES = { en: 'English', 'zh-CN': '简体中文' } as const;
export type Language = keyof typeof LANGUAGES;

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zh };
const STORAGE_KEY = 'verdict.lang';
let current: Language = 'en';

/** The saved choice, else the browser's language (zh* → Simplified Chinese), else English. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && saved in LANGUAGES) return saved as Language;
  } catch {
    // Storage can be unavailable (privacy mode, some file:// settings): fall back to the browser.
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Switches the UI language and remembers the choice. */
export function setLanguage(language: Language, persist = true): void {
  current = language;
  document.documentElement.lang = language;
  if (!persist) return;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the choice still holds for this page view.
  }
}

export function language(): Language {
  return current;
}

/** Translates a key, filling `{name}` placeholders. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = DICTIONARIES[current][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
