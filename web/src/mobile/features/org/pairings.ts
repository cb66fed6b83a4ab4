// What agency staff and donors see of a pairing: its stage in words and an icon (never by
// colour alone), and lists grouped by stage.
import type { components } from "@/shared/api";

export type Pairing = components["schemas"]["Pairing"];
export type Stage = "awaiting" | "active" | "delivered" | "ended" | "declined";

export function stageOf(pairing: Pairing): Stage {
  switch (pairing.status) {
    case "awaiting_acceptance":
      return "awaiting";
    case "active":
      return "active";
    case "declined":
      return "declined";
    default:
      return pairing.delivered_at ? "delivered" : "ended";
  }
}

/** Vant icon and tag type per stage: the icon and the words carry the meaning, the colour
 * only repeats it. */
export const STAGE_LOOK: Record<Stage, { icon: string; tag: "warning" | "primary" | "success" | "default" }> = {
  awaiting: { icon: "question-o", tag: "warning" },
  active: { icon: "clock-o", tag: "primary" },
  delivered: { icon: "passed", tag: "success" },
  ended: { icon: "stop-circle-o", tag: "default" },
  declined: { icon: "close", tag: "default" },
};

export const STAGE_ORDER: readonly Stage[] = ["awaiting", "active", "delivered", "ended", "declined"];

export function groupByStage(pairings: readonly Pairing[]): Map<Stage, Pairing[]> {
  const groups = new Map<Stage, Pairing[]>(STAGE_ORDER.map((s) => [s, []]));
  for (const p of pairings) groups.get(stageOf(p))!.push(p);
  return groups;
}

/** Whether the donor may sign for it now (签收): an accepted gift of goods (its need's
 * category is of kind goods), not yet handed over. */
export function canSignFor(pairing: Pairing, categoryKind: string | undefined): boolean {
  return pairing.status === "active" && categoryKind === "goods" && !pairing.delivered_at;
}

/** Every page of a list endpoint (page_size 100), as the API paginates with X-Pagination. */
export async function allPages<T>(
  fetchPage: (page: number) => Promise<{ items: T[]; more: boolean }>,
  limit = 20,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= limit; page += 1) {
    const { items, more } = await fetchPage(page);
    out.push(...items);
    if (!more) break;
  }
  return out;
}
