// Service hours an agency member decides (服务登记): a colleague's pending visit on one of
// the agency's pairings. Nobody confirms their own hours (the API refuses it too).
import type { components } from "@/shared/api";

export type Visit = components["schemas"]["Visit"];
export type HoursStatus = NonNullable<Visit["hours_status"]>;

export function canDecide(visit: Visit, me: number | undefined): boolean {
  return visit.hours_status === "pending" && !!visit.pairing_id && visit.author_id !== me;
}

/** Hours (one decimal) of a list of visits. */
export function totalHours(visits: readonly Visit[]): number {
  const minutes = visits.reduce((sum, v) => sum + (v.duration_minutes ?? 0), 0);
  return Math.round(minutes / 6) / 10;
}

export const HOURS_LOOK: Record<HoursStatus, { icon: string; tag: "warning" | "success" | "default" }> = {
  pending: { icon: "clock-o", tag: "warning" },
  confirmed: { icon: "passed", tag: "success" },
  rejected: { icon: "close", tag: "default" },
};
