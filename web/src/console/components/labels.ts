// Names the console shows for codes it reads from the API: need categories (from the API,
// in both languages) and the townships of the user's areas (from the regions API). Loaded
// once per session and shared by the pages that need them.
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { api, unwrap, type components } from "@/shared/api";
import { useSessionStore } from "@/shared/auth/session";

type Category = components["schemas"]["NeedCategory"];
type Region = components["schemas"]["Region"];

export interface Option {
  value: string;
  label: string;
}

export const RISK_LEVELS = ["high", "medium", "low"] as const;
export const PROVIDER_TYPES = ["volunteer", "agency", "resource"] as const;
export const CHILD_CATEGORIES = [
  "left_behind",
  "family_hardship",
  "disability",
  "serious_illness",
  "autism",
  "guardianship_hardship",
  "orphan",
  "de_facto_unsupported",
  "hiv_affected",
] as const;

export const useLabelsStore = defineStore("console-labels", () => {
  const categories = ref<Category[]>([]);
  const townships = ref<Region[]>([]);
  const counties = ref<Region[]>([]);
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= (async () => {
      const session = useSessionStore();
      const [cats, areas] = await Promise.all([
        unwrap(api.GET("/api/v1/need-categories/")),
        Promise.all(
          (session.user?.area_codes ?? []).map((code) =>
            unwrap(api.GET("/api/v1/regions/{code}", { params: { path: { code } } })),
          ),
        ),
      ]);
      categories.value = cats;
      counties.value = areas;
      const below = await Promise.all(
        areas
          .filter((area) => area.level === "county")
          .map((area) =>
            unwrap(
              api.GET("/api/v1/regions/", {
                params: { query: { parent: area.code, level: "township", page_size: 100 } },
              }),
            ),
          ),
      );
      townships.value = [
        ...areas.filter((area) => area.level === "township"),
        ...below.flat(),
      ];
    })().catch((error) => {
      loading = null;
      throw error;
    });
    return loading;
  }

  function categoryName(code: string | null | undefined, locale: string): string {
    const found = categories.value.find((c) => c.code === code);
    if (!found) return code ?? "";
    return (locale === "en" ? found.name_en : found.name_zh) ?? code ?? "";
  }

  function regionName(code: string | null | undefined): string {
    if (!code) return "";
    const found = [...townships.value, ...counties.value].find((r) => r.code === code);
    return found?.name ?? code;
  }

  const townshipOptions = computed<Option[]>(() =>
    townships.value.map((r) => ({ value: r.code ?? "", label: r.name ?? "" })),
  );

  function categoryOptions(locale: string): Option[] {
    return categories.value
      .filter((c) => c.active !== false)
      .map((c) => ({ value: c.code ?? "", label: categoryName(c.code, locale) }));
  }

  return { categories, townships, counties, load, categoryName, regionName, townshipOptions, categoryOptions };
});
