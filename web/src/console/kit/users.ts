// Display names of accounts (visit authors, handlers of reports), read once per id.
import { reactive } from "vue";
import { api, unwrap } from "@/shared/api";

const names = reactive<Record<number, string>>({});
const asked = new Set<number>();

export function userName(id: number | null | undefined): string {
  if (!id) return "";
  if (!asked.has(id)) {
    asked.add(id);
    unwrap(api.GET("/api/v1/users/{user_id}", { params: { path: { user_id: id } } }))
      .then((user) => {
        names[id] = user.display_name ?? `#${id}`;
      })
      .catch(() => {
        names[id] = `#${id}`;
      });
  }
  return names[id] ?? "";
}
