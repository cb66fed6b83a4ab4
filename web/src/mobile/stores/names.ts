// Names of codes the API sends (need categories, regions), in the reader's language, kept
// on the phone so the screens read well without signal. Not personal data.
import { defineStore } from "pinia";
import { reactive } from "vue";
import { api } from "@/shared/api";
import { openDb } from "../offline/db";

export interface Category {
  code: string;
  name_zh: string;
  name_en: string;
  kind: string;
}

const CATEGORIES_KEY = "names.categories";
const REGIONS_KEY = "names.regions";

export const useNamesStore = defineStore("names", () => {
  const categories = reactive(new Map<string, Category>());
  const regions = reactive(new Map<string, string>());
  const asked = new Set<string>();
  let loaded: Promise<void> | null = null;

  async function persist(): Promise<void> {
    const db = await openDb();
    const now = new Date().toISOString();
    // Plain copies: the reactive proxies the Maps hand out cannot be stored (structured clone).
    const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
    await db.put("cache", { key: CATEGORIES_KEY, value: plain([...categories.values()]), updated_at: now });
    await db.put("cache", { key: REGIONS_KEY, value: plain(Object.fromEntries(regions)), updated_at: now });
  }

  /** From the phone first, then the API (categories change rarely). */
  function load(): Promise<void> {
    loaded ??= (async () => {
      try {
        const db = await openDb();
        for (const c of ((await db.get("cache", CATEGORIES_KEY))?.value ?? []) as Category[]) {
          categories.set(c.code, c);
        }
        const names = ((await db.get("cache", REGIONS_KEY))?.value ?? {}) as Record<string, string>;
        for (const [code, name] of Object.entries(names)) regions.set(code, name);
      } catch {
        // no IndexedDB (private mode): the API alone
      }
      const { data } = await api.GET("/api/v1/need-categories/").catch(() => ({ data: undefined }));
      if (data) {
        for (const c of data as Category[]) categories.set(c.code, c);
        await persist().catch(() => undefined);
      }
    })();
    return loaded;
  }

  function category(code: string | undefined, locale: string): string {
    if (!code) return "";
    const found = categories.get(code);
    if (!found) return code;
    return locale === "en" ? found.name_en : found.name_zh;
  }

  /** The region's name, fetched once when first needed. */
  function region(code: string | null | undefined): string {
    if (!code) return "";
    const name = regions.get(code);
    if (name) return name;
    if (!asked.has(code)) {
      asked.add(code);
      void api
        .GET("/api/v1/regions/{code}", { params: { path: { code } } })
        .then(({ data }) => {
          if (data?.name) {
            regions.set(code, data.name);
            return persist();
          }
        })
        .catch(() => asked.delete(code));
    }
    return "";
  }

  function remember(code: string, name: string): void {
    regions.set(code, name);
    void persist().catch(() => undefined);
  }

  return { categories, regions, load, category, region, remember };
});
