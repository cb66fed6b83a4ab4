// Background checks move registered → pending → cleared or rejected; cleared → expired,
// pending or rejected; rejected and expired → pending (as the API's CHECK_TRANSITIONS).
const NEXT: Record<string, readonly string[]> = {
  registered: ["pending"],
  pending: ["cleared", "rejected"],
  cleared: ["expired", "pending", "rejected"],
  rejected: ["pending"],
  expired: ["pending"],
};

/** The states to record, in order, to take a check from `current` to `target`. */
export function checkSteps(current: string, target: string): string[] {
  if (NEXT[current]?.includes(target)) return [target];
  if (NEXT[current]?.includes("pending") && NEXT.pending!.includes(target)) return ["pending", target];
  return [target]; // the API explains why not
}
