// Need categories by code, in the reader's language (the API's vocabulary, read once).
import { ref } from "vue";
import { api, unwrap, type components } from "@/shared/api";

export type NeedCategory = components["schemas"]["NeedCategory"];
const all = ref<NeedCategory[]>([]);
let loading: Promise<void> | null = null;

export function useCategories() {
  if (!loading) {
    loading = unwrap(api.GET("/api/v1/need-categories/"))
      .then((found) => {
        all.value = found;
      })
      .catch(() => {
        loading = null;
      });
  }
  function name(code: string | null | undefined, locale: string): string {
    const found = all.value.find((c) => c.code === code);
    return found ? ((locale === "en" ? found.name_en : found.name_zh) ?? code ?? "") : (code ?? "");
  }
  function reload(): Promise<void> {
    loading = null;
    return useCategories().ready;
  }
  return { categories: all, name, ready: loading ?? Promise.resolve(), reload };
}
