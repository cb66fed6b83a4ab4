// vue-i18n for both apps: zh-CN by default, English on request, the choice remembered.
// Messages: shared ones here (locales/), each app's own (src/<app>/locales/), and each
// feature's (src/<app>/features/<feature>/locales/), merged under the feature's name.
import { createI18n } from "vue-i18n";
import zhCN from "./locales/zh-CN";
import en from "./locales/en";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type Messages = Record<string, unknown>;
export type LocaleModules = Record<string, { default: Messages }>;

const STORAGE_KEY = "tongxing.locale";
const shared: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

export function storedLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : "zh-CN";
}

/**
 * Messages of each locale from `import.meta.glob("./features/*\/locales/*.ts", { eager: true })`
 * (and the app's own `./locales/*.ts`), keyed by feature folder: `features/auth/locales/en.ts`
 * becomes `auth.*` in English.
 */
export function collectMessages(modules: LocaleModules): Record<Locale, Messages> {
  const out: Record<Locale, Messages> = { "zh-CN": {}, en: {} };
  for (const [path, module] of Object.entries(modules)) {
    const match = /(?:features\/([^/]+)\/)?locales\/([^/]+)\.ts$/.exec(path);
    const locale = match?.[2];
    if (!match || !isLocale(locale)) continue;
    const feature = match[1];
    if (feature) out[locale][feature] = module.default;
    else Object.assign(out[locale], module.default);
  }
  return out;
}

export function createAppI18n(appMessages: Record<Locale, Messages>) {
  const locale = storedLocale();
  applyDocumentLocale(locale);
  const messages: Record<Locale, Messages> = {
    "zh-CN": { ...shared["zh-CN"], ...appMessages["zh-CN"] },
    en: { ...shared.en, ...appMessages.en },
  };
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: "zh-CN",
    messages: messages as Record<string, never>,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** Switch the language: `setLocale(useI18n().locale, "en")`. */
export function setLocale(current: { value: string }, locale: Locale): void {
  current.value = locale;
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  applyDocumentLocale(locale);
}

function applyDocumentLocale(locale: Locale): void {
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}
