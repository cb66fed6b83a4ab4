// Region names for codes (townships, villages), read once per code and kept for the page's
// life; the townships and villages a coordinator may choose from their areas.
import { reactive } from "vue";
import { api, unwrap, type components } from "@/shared/api";
import { fetchPage } from "./paged";

export type Region = components["schemas"]["Region"];

const names = reactive<Record<string, string>>({});
const pending = new Map<string, Promise<Region | null>>();

export function regionName(code: string | null | undefined): string {
  if (!code) return "";
  if (!(code in names) && !pending.has(code)) void lookUp(code);
  return names[code] ?? "";
}

export function remember(regions: Region[]): void {
  for (const region of regions) if (region.code && region.name) names[region.code] = region.name;
}

export function lookUp(code: string): Promise<Region | null> {
  let call = pending.get(code);
  if (!call) {
    call = unwrap(api.GET("/api/v1/regions/{code}", { params: { path: { code } } }))
      .then((region) => {
        remember([region]);
        return region;
      })
      .catch(() => null);
    pending.set(code, call);
  }
  return call;
}

export async function childrenOf(parent: string, level?: Region["level"]): Promise<Region[]> {
  const out: Region[] = [];
  for (let page = 1; page < 50; page++) {
    const { items, total } = await fetchPage(
      api.GET("/api/v1/regions/", {
        params: { query: { parent, level, page, page_size: 100 } as never },
      }),
    );
    out.push(...items);
    if (out.length >= total || !items.length) break;
  }
  remember(out);
  return out;
}

/** The townships within the given areas (an area that is a township is its own). */
export async function townshipsOf(areaCodes: readonly string[]): Promise<Region[]> {
  const found: Region[] = [];
  for (const code of areaCodes) {
    const area = await lookUp(code);
    if (!area) continue;
    if (area.level === "township") found.push(area);
    else if (area.level === "village") {
      const parent = area.parent_code ? await lookUp(area.parent_code) : null;
      if (parent) found.push(parent);
    } else if (area.level === "county") found.push(...(await childrenOf(code, "township")));
    else {
      for (const county of await childrenOf(code)) {
        if (county.level === "county") found.push(...(await childrenOf(county.code!, "township")));
      }
    }
  }
  const unique = new Map(found.map((r) => [r.code, r]));
  return [...unique.values()].sort((a, b) => (a.code ?? "").localeCompare(b.code ?? ""));
}
