// RFC 9457 problem documents, the API's one error format, as the pages use them.
import type { components } from "./schema";

export type Problem = components["schemas"]["Problem"];

/** A failed call: the problem document the API sent, or status 0 when nothing came back. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem, options?: ErrorOptions) {
    super(problem.detail || problem.title || `HTTP ${status}`, options);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** Messages per field of a 422, joined, for showing next to each field. */
  get fieldErrors(): Record<string, string> {
    return fieldErrors(this.problem);
  }
}

export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
    out[field] = flatten(messages).join(" ");
  }
  return out;
}

function flatten(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (value && typeof value === "object") return Object.values(value).flatMap(flatten);
  return [];
}

/** A problem document made on this side, when the API sent none (no network, a proxy's page). */
export function localProblem(status: number, title: string, code: string): Problem {
  return { type: "about:blank", title, status, code, instance: "" } as Problem;
}

export function isProblem(value: unknown): value is Problem {
  return !!value && typeof value === "object" && ("title" in value || "detail" in value);
}

/**
 * The data of an openapi-fetch result, or an ApiError carrying the problem document.
 * `await unwrap(api.GET("/api/v1/users/me"))`.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, localProblem(0, "network", "network"), { cause });
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  const problem: Problem = isProblem(error)
    ? error
    : localProblem(response.status, response.statusText || `HTTP ${response.status}`, "http_error");
  throw new ApiError(response.status, problem);
}
