// The proposals queue's selection: parts of one need (goods and funds given in parts) are
// selected and decided together; shift-selection takes a range; decisions go out as one
// all-or-nothing batch naming each proposal's version.
import { computed, reactive, ref, type Ref } from "vue";

export interface Decidable {
  id: number;
  version: number;
  need_id: number;
}

export interface Batch {
  approve: { id: number; version: number }[];
  reject: { id: number; version: number; reason: string }[];
}

export function groupOf<T extends Decidable>(rows: readonly T[], row: T): T[] {
  return rows.filter((r) => r.need_id === row.need_id);
}

/** How many pending parts each need has on the page (1 for whole needs). */
export function partsByNeed(rows: readonly Decidable[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.need_id, (out.get(r.need_id) ?? 0) + 1);
  return out;
}

export function useSelection<T extends Decidable>(rows: Ref<readonly T[]>) {
  const selected = reactive(new Set<number>());
  const anchor = ref<number | null>(null);

  const chosen = computed(() => rows.value.filter((r) => selected.has(r.id)));
  const allChosen = computed(
    () => rows.value.length > 0 && rows.value.every((r) => selected.has(r.id)),
  );
  const someChosen = computed(() => chosen.value.length > 0 && !allChosen.value);

  function set(row: T, on: boolean): void {
    for (const part of groupOf(rows.value, row)) {
      if (on) selected.add(part.id);
      else selected.delete(part.id);
    }
  }

  /**
   * A click or Space on a row's box toggles it; with Shift, every row from the last one
   * toggled to this one takes that last row's state (as in a file manager).
   */
  function toggle(row: T, range = false): void {
    const index = rows.value.findIndex((r) => r.id === row.id);
    const from = anchor.value === null ? -1 : rows.value.findIndex((r) => r.id === anchor.value);
    if (range && from >= 0 && index >= 0) {
      const on = selected.has(anchor.value!);
      const [a, b] = from < index ? [from, index] : [index, from];
      for (const r of rows.value.slice(a, b + 1)) set(r, on);
    } else {
      set(row, !selected.has(row.id));
    }
    anchor.value = row.id;
  }

  function toggleAll(): void {
    const on = !allChosen.value;
    for (const r of rows.value) {
      if (on) selected.add(r.id);
      else selected.delete(r.id);
    }
  }

  function clear(): void {
    selected.clear();
    anchor.value = null;
  }

  /** Drop ids no longer on the page (after a reload). */
  function prune(): void {
    const ids = new Set(rows.value.map((r) => r.id));
    for (const id of [...selected]) if (!ids.has(id)) selected.delete(id);
  }

  return { selected, chosen, allChosen, someChosen, toggle, toggleAll, clear, prune };
}

/** One batch: approvals for `approve`, rejections with one reason for `reject`. */
export function buildBatch(
  approve: readonly Decidable[],
  reject: readonly Decidable[] = [],
  reason = "",
): Batch {
  const rejected = new Set(reject.map((r) => r.id));
  return {
    approve: approve.filter((r) => !rejected.has(r.id)).map(({ id, version }) => ({ id, version })),
    reject: reject.map(({ id, version }) => ({ id, version, reason: reason.trim() })),
  };
}

/** Parts of a need that the batch leaves behind on the page: they must be decided together. */
export function splitParts<T extends Decidable>(rows: readonly T[], batch: readonly T[]): T[] {
  const ids = new Set(batch.map((r) => r.id));
  const needs = new Set(batch.map((r) => r.need_id));
  return rows.filter((r) => needs.has(r.need_id) && !ids.has(r.id));
}
