import { createApp } from "vue";
import { createPinia } from "pinia";
import { registerSW } from "virtual:pwa-register";
import { collectMessages, createAppI18n, LOCALES, type LocaleModules } from "@/shared/i18n";
import { useSessionStore } from "@/shared/auth/session";
import { installAuthGuard } from "@/shared/auth/guard";
import App from "./App.vue";
import { createMobileRouter, HOME, installPrivacyGuard, MOBILE_ROLES, SIGN_IN } from "./router";
import { useDisplayStore } from "./stores/display";
import { warmOfflineScreens } from "./tabs";
import { handOver, readStaticSignIn, staticFormSent } from "./features/signin/handover";
import "./styles/main.css";
import "./features/display/display.css";

// The first screen's messages (the app's own, sign-in's, the large-text toggle's) come with
// the app; the other screens' in one chunk fetched right away, waited for only by them.
const messages = collectMessages(
  import.meta.glob<{ default: Record<string, unknown> }>(
    ["./locales/*.ts", "./features/{signin,display}/locales/*.ts"],
    { eager: true },
  ) as LocaleModules,
);
const i18n = createAppI18n(messages);
const screens = import("./messages").then(({ default: more }) => {
  for (const locale of LOCALES) i18n.global.mergeLocaleMessage(locale, more[locale] as never);
});
const pinia = createPinia();
const app = createApp(App).use(pinia).use(i18n);
// A volunteer signed in yesterday opens the app in a village without signal: signed in,
// offline, from what the phone holds (see the session store).
useSessionStore(pinia).allowOffline();
useDisplayStore(pinia).apply();
const router = createMobileRouter();
installAuthGuard(router, { signIn: SIGN_IN, home: HOME, roles: MOBILE_ROLES });
installPrivacyGuard(router);
// Last: a navigation the guards above send to sign-in does not wait for the other screens.
router.beforeEach(async (to) => {
  if (to.name !== SIGN_IN) await screens;
});
app.use(router);
// index.html shows a sign-in form that works before this script arrives. The app mounts
// once its first screen is resolved (so the page never goes blank in between), taking over
// what was typed there; a form already submitted is a page on its way out: leave it be.
function start(): void {
  if (staticFormSent()) return;
  handOver(readStaticSignIn());
  app.mount("#app");
}
void router.isReady().then(start, start);

// The offline shell: the service worker precaches the app and updates itself. It registers
// once the first screen is up, so on a slow network precaching the rest of the app does not
// compete with the screen the user is waiting for.
// A volunteer who loses the signal right after opening the app can still record a visit or
// file an urgent report: those screens are in memory before the service worker has cached them.
void router.isReady().then(() => warmOfflineScreens().catch(() => undefined));

if ("serviceWorker" in navigator) {
  void router.isReady().then(() => registerSW({ immediate: true }));
}
