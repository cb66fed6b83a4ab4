import { createApp } from "vue";
import { createPinia } from "pinia";
import { registerSW } from "virtual:pwa-register";
import { collectMessages, createAppI18n, type LocaleModules } from "@/shared/i18n";
import { useSessionStore } from "@/shared/auth/session";
import { installAuthGuard } from "@/shared/auth/guard";
import App from "./App.vue";
import { createMobileRouter, HOME, installPrivacyGuard, MOBILE_ROLES, SIGN_IN } from "./router";
import { useDisplayStore } from "./stores/display";
import "./styles/main.css";
import "./features/display/display.css";

const messages = collectMessages(
  import.meta.glob<{ default: Record<string, unknown> }>(
    ["./locales/*.ts", "./features/*/locales/*.ts"],
    { eager: true },
  ) as LocaleModules,
);
const i18n = createAppI18n(messages);
const pinia = createPinia();
const app = createApp(App).use(pinia).use(i18n);
// A volunteer signed in yesterday opens the app in a village without signal: signed in,
// offline, from what the phone holds (see the session store).
useSessionStore(pinia).allowOffline();
useDisplayStore(pinia).apply();
const router = createMobileRouter();
installAuthGuard(router, { signIn: SIGN_IN, home: HOME, roles: MOBILE_ROLES });
installPrivacyGuard(router);
app.use(router).mount("#app");

// The offline shell: the service worker precaches the app and updates itself. It registers
// once the first screen is up, so on a slow network precaching the rest of the app does not
// compete with the screen the user is waiting for.
if ("serviceWorker" in navigator) {
  void router.isReady().then(() => registerSW({ immediate: true }));
}
