// Why a pairing was proposed, said from the explanation's code and numbers in the reader's
// language (the API's own sentence is the fallback for a code this page does not know).
export interface Explanation {
  code?: string | null;
  message?: string | null;
  details?: Record<string, unknown> | null;
  others?: number | null;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

const KNOWN = new Set(["pinned", "best_match", "preferred_kept"]);

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** "Why": the reason, then what matched (skills, requirements). */
export function explainWhy(
  explanation: Explanation | null | undefined,
  t: Translate,
  skillName: (code: string) => string | null = () => null,
): string {
  if (!explanation?.code) return explanation?.message ?? "";
  if (!KNOWN.has(explanation.code)) return explanation.message ?? explanation.code;
  const details = explanation.details ?? {};
  const parts = [t(`proposals.why.${explanation.code}`)];
  const skills = Array.isArray(details.skills_matched)
    ? (details.skills_matched as unknown[]).filter((s): s is string => typeof s === "string")
    : [];
  if (skills.length) {
    // skills without a name in this language are not spelled out as codes
    const named = skills.map(skillName).filter((s): s is string => !!s);
    parts.push(
      named.length === skills.length
        ? t("proposals.why.skills", { skills: named.join(t("proposals.why.listSeparator")) })
        : t("proposals.why.skillsUnnamed"),
    );
  }
  const attributes = Array.isArray(details.attributes_matched) ? details.attributes_matched : [];
  if (attributes.length) parts.push(t("proposals.why.attributes"));
  return parts.join(t("proposals.why.separator"));
}

/** "Distance": km, or remote help. */
export function explainDistance(
  distanceKm: number | null | undefined,
  explanation: Explanation | null | undefined,
  t: Translate,
): string {
  if (explanation?.details?.remote === true) return t("proposals.distance.remote");
  const km = num(distanceKm) ?? num(explanation?.details?.distance_km);
  if (km === null) return "";
  return t("proposals.distance.km", { km: km < 10 ? km.toFixed(1) : Math.round(km) });
}

/** "What else was possible": how many other providers could have served the need. */
export function explainOthers(explanation: Explanation | null | undefined, t: Translate): string {
  const others = num(explanation?.others ?? explanation?.details?.other_feasible_providers);
  if (others === null) return t("proposals.others.unknown");
  if (others === 0) return t("proposals.others.none");
  return t("proposals.others.some", { n: others });
}
