// The API client as the offline code uses it (one place to stub in tests).
export { api } from "@/shared/api";

export function isProblemLike(value: unknown): value is { detail?: string; title?: string } {
  return !!value && typeof value === "object" && ("title" in value || "detail" in value);
}
