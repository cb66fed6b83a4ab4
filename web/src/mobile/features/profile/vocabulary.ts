// Codes the volunteer picks from on the phone: skills are the shared list (the ones needs ask
// for; the matching compares codes); languages include 闽南语, common in the demo area.
export { SKILLS } from "@/shared/vocabulary";
export const LANGUAGES = ["mandarin", "minnan", "hakka", "sign"] as const;
export const TRANSPORT = ["walk", "bicycle", "ebike", "car", "public"] as const;
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

export interface Slot {
  weekday: number;
  start: string;
  end: string;
}

/** Slots as the API wants them: each ends after it starts, no duplicates, in week order. */
export function cleanSlots(slots: readonly Slot[]): { slots: Slot[]; invalid: number[] } {
  const invalid: number[] = [];
  const seen = new Set<string>();
  const out: Slot[] = [];
  slots.forEach((slot, i) => {
    if (!/^\d\d:\d\d$/.test(slot.start) || !/^\d\d:\d\d$/.test(slot.end) || slot.end <= slot.start) {
      invalid.push(i);
      return;
    }
    const key = `${slot.weekday}|${slot.start}|${slot.end}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ weekday: slot.weekday, start: slot.start, end: slot.end });
    }
  });
  out.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  return { slots: out, invalid };
}
