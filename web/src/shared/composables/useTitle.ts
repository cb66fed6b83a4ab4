// document.title follows the route's `meta.title` and the language.
import { watchEffect } from "vue";
import { useI18n } from "vue-i18n";
import { useRoute } from "vue-router";

export function useDocumentTitle(appName: string): void {
  const route = useRoute();
  const { t } = useI18n();
  watchEffect(() => {
    const page = route.meta.title ? t(route.meta.title) : "";
    document.title = page ? `${page} · ${t(appName)}` : t(appName);
  });
}
