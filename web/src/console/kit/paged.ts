// Server-paged lists: one page at a time, the total from flask-smorest's X-Pagination header.
import { ref, shallowRef, type Ref } from "vue";
import { unwrap } from "@/shared/api";

export interface PageOf<T> {
  items: T[];
  total: number;
}

type Call<T> = Promise<{ data?: T[]; error?: unknown; response: Response }>;

/** The items of a paged call and the total the server counted. */
export async function fetchPage<T>(call: Call<T>): Promise<PageOf<T>> {
  let response: Response | undefined;
  const items = await unwrap(
    call.then((result) => {
      response = result.response;
      return result;
    }),
  );
  return { items: items ?? [], total: totalOf(response, items?.length ?? 0) };
}

export function totalOf(response: Response | undefined, fallback: number): number {
  const header = response?.headers.get("X-Pagination");
  if (!header) return fallback;
  try {
    const total = Number((JSON.parse(header) as { total?: number }).total);
    return Number.isFinite(total) ? total : fallback;
  } catch {
    return fallback;
  }
}

export interface Paged<T> {
  page: Ref<number>;
  pageSize: Ref<number>;
  items: Ref<T[]>;
  total: Ref<number>;
  loading: Ref<boolean>;
  error: Ref<unknown>;
  load: () => Promise<void>;
}

/** A list read one page at a time; `load()` again after a filter or the page changes. */
export function usePaged<T>(
  fetch: (page: number, pageSize: number) => Call<T>,
  pageSize = 20,
): Paged<T> {
  const page = ref(1);
  const size = ref(pageSize);
  const items = shallowRef<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let generation = 0;
  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetchPage(fetch(page.value, size.value));
      if (mine !== generation) return; // a later request answered first
      items.value = result.items;
      total.value = result.total;
    } catch (cause) {
      if (mine !== generation) return;
      error.value = cause;
      items.value = [];
      total.value = 0;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }
  return { page, pageSize: size, items, total, loading, error, load };
}
