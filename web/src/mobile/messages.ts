// The messages of the screens after sign-in, in a chunk of their own: the first screen of a
// phone that is not signed in (sign-in) does not wait for them on a slow network. main.ts
// starts loading this at boot; the router waits for it before any other screen.
import { collectMessages, type LocaleModules } from "@/shared/i18n";

export default collectMessages(
  import.meta.glob<{ default: Record<string, unknown> }>(
    ["./features/*/locales/*.ts", "!./features/{signin,display}/locales/*.ts"],
    { eager: true },
  ) as LocaleModules,
);
