// Names for the codes a pairing or an offer carries: need categories, aid items (goods and
// fund purposes) and townships, fetched once per session and shown in the user's language.
import { defineStore } from "pinia";
import { ref } from "vue";
import { api, unwrap, type components } from "@/shared/api";

type Named = { name_zh?: string; name_en?: string };
export type AidItem = components["schemas"]["AidItem"];
export type NeedCategory = components["schemas"]["NeedCategory"];

export function nameIn(locale: string, named: Named | undefined, fallback = ""): string {
  if (!named) return fallback;
  return (locale === "en" ? named.name_en : named.name_zh) || named.name_zh || fallback;
}

export const useLookups = defineStore("lookups", () => {
  const categories = ref<NeedCategory[]>([]);
  const items = ref<AidItem[]>([]);
  const regions = ref<Record<string, string>>({});
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= Promise.all([
      unwrap(api.GET("/api/v1/need-categories/")),
      unwrap(api.GET("/api/v1/aid-items/")),
    ]).then(
      ([c, i]) => {
        categories.value = c;
        items.value = i.filter((item) => item.active !== false);
      },
      (error: unknown) => {
        loading = null; // try again next time
        throw error;
      },
    );
    return loading;
  }

  async function regionNames(codes: Iterable<string | undefined>): Promise<void> {
    const missing = [...new Set(codes)].filter((c): c is string => !!c && !(c in regions.value));
    const found = await Promise.all(
      missing.map((code) =>
        unwrap(api.GET("/api/v1/regions/{code}", { params: { path: { code } } })).then(
          (r) => [code, r.name ?? code] as const,
          () => [code, code] as const,
        ),
      ),
    );
    regions.value = { ...regions.value, ...Object.fromEntries(found) };
  }

  function category(code: string | undefined) {
    return categories.value.find((c) => c.code === code);
  }
  function item(code: string | null | undefined) {
    return items.value.find((i) => i.code === code);
  }

  return { categories, items, regions, load, regionNames, category, item };
});
