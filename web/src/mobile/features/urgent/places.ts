// The urgent report's vocabulary and the volunteer's home area, remembered on the phone
// (a region, nothing personal) so a report can be filed without signal.
import { openDb } from "../../offline/db";

export const DANGERS = [
  "unsupervised",
  "missing",
  "abuse",
  "injury",
  "neglect",
  "abandonment",
  "other",
] as const;
export type Danger = (typeof DANGERS)[number];

const HOME_KEY = "names.home";

export async function homeRegion(): Promise<{ code: string; name: string } | null> {
  try {
    const entry = await (await openDb()).get("cache", HOME_KEY);
    return (entry?.value as { code: string; name: string } | undefined) ?? null;
  } catch {
    return null;
  }
}

export async function rememberHome(home: { code: string; name: string }): Promise<void> {
  await (await openDb()).put("cache", { key: HOME_KEY, value: { ...home }, updated_at: new Date().toISOString() });
}
