import { createApp } from "vue";
import { createPinia } from "pinia";
import { collectMessages, createAppI18n, type LocaleModules } from "@/shared/i18n";
import { useSessionStore } from "@/shared/auth/session";
import { installAuthGuard } from "@/shared/auth/guard";
import App from "./App.vue";
import { createConsoleRouter, CONSOLE_ROLES, HOME, SIGN_IN } from "./router";
import "./styles/main.css";

const messages = collectMessages(
  import.meta.glob<{ default: Record<string, unknown> }>(
    ["./locales/*.ts", "./features/*/locales/*.ts"],
    { eager: true },
  ) as LocaleModules,
);
const i18n = createAppI18n(messages);
const pinia = createPinia();
const app = createApp(App).use(pinia).use(i18n);
useSessionStore(pinia);
const router = createConsoleRouter();
installAuthGuard(router, { signIn: SIGN_IN, home: HOME, roles: CONSOLE_ROLES });
app.use(router).mount("#app");
