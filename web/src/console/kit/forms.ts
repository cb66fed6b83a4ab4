// A form's failure as the API told it: each field's reason next to the field (dotted paths
// for nested objects, e.g. `guardian.phone`), anything else as one message.
import { reactive, ref } from "vue";
import { ApiError } from "@/shared/api";

export function flattenErrors(errors: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  if (!errors || typeof errors !== "object") return out;
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    const path = /^\d+$/.test(key) && prefix ? `${prefix}.${key}` : prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
      out[path] = value.join(" ");
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => Object.assign(out, flattenErrors({ [i]: v }, path)));
    } else Object.assign(out, flattenErrors(value, path));
  }
  return out;
}

export type Outcome = "fields" | "stale" | "other";

export function useFormErrors() {
  const fields = reactive<Record<string, string>>({});
  const failure = ref<string | null>(null);

  function reset(): void {
    for (const key of Object.keys(fields)) delete fields[key];
    failure.value = null;
  }

  /**
   * Show an error: a 422/400 per field (those the form has; others in the message), a 409
   * that names one of the form's fields next to it, a 412 as "stale" for the caller to
   * explain and reload, anything else as a message.
   */
  function capture(error: unknown, message: (e: unknown) => string, known?: readonly string[]): Outcome {
    reset();
    if (error instanceof ApiError && (error.status === 422 || error.status === 400)) {
      const flat = flattenErrors(error.problem.errors);
      const rest: string[] = [];
      for (const [path, reason] of Object.entries(flat)) {
        const field = known ? known.find((k) => path === k || path.startsWith(`${k}.`)) : path;
        if (field) fields[field] = fields[field] ? `${fields[field]} ${reason}` : reason;
        else rest.push(reason);
      }
      if (rest.length || !Object.keys(fields).length) {
        failure.value = rest.length ? rest.join(" ") : message(error);
      }
      return "fields";
    }
    // a conflict with one of the form's fields (e.g. areas for an account that is not a
    // coordinator's: the role) is said next to that field
    const conflictField = error instanceof ApiError && error.status === 409 ? error.problem.field : undefined;
    if (conflictField && (!known || known.includes(conflictField))) {
      fields[conflictField] = error instanceof ApiError ? (error.problem.detail ?? message(error)) : "";
      return "fields";
    }
    if (error instanceof ApiError && error.status === 412) return "stale";
    failure.value = message(error);
    return "other";
  }

  return { fields, failure, reset, capture };
}
