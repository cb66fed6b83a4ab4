// Server-paged calls: the items and the total flask-smorest sends in X-Pagination.
import { unwrap } from "@/shared/api";

export interface Page<T> {
  items: T[];
  total: number;
}

type Call<T> = Promise<{ data?: T[]; error?: unknown; response: Response }>;

export async function paged<T>(call: Call<T>): Promise<Page<T>> {
  let response: Response | undefined;
  const items =
    (await unwrap(
      call.then((result) => {
        response = result.response;
        return result;
      }),
    )) ?? [];
  return { items, total: pageTotal(response?.headers.get("X-Pagination"), items.length) };
}

export function pageTotal(header: string | null | undefined, fallback: number): number {
  if (!header) return fallback;
  try {
    const total = (JSON.parse(header) as { total?: unknown }).total;
    return typeof total === "number" ? total : fallback;
  } catch {
    return fallback;
  }
}
