import { describe, expect, it } from "vitest";
import { ref } from "vue";
import { buildBatch, partsByNeed, splitParts, useSelection, type Decidable } from "./selection";

// Four proposals: need 10 whole, need 20 in two parts, need 30 whole.
const rows: Decidable[] = [
  { id: 1, version: 1, need_id: 10 },
  { id: 2, version: 3, need_id: 20 },
  { id: 3, version: 1, need_id: 20 },
  { id: 4, version: 2, need_id: 30 },
];

describe("proposal selection", () => {
  it("selects the parts of one need together", () => {
    const s = useSelection(ref(rows));
    s.toggle(rows[1]);
    expect([...s.selected].sort()).toEqual([2, 3]);
    s.toggle(rows[2]); // unticking one part unticks its sibling
    expect(s.selected.size).toBe(0);
  });

  it("takes a range with shift, in the state of the row toggled last", () => {
    const s = useSelection(ref(rows));
    s.toggle(rows[0]);
    s.toggle(rows[3], true);
    expect([...s.selected].sort()).toEqual([1, 2, 3, 4]);
    s.toggle(rows[1]); // anchor now row 2 (need 20), deselected
    s.toggle(rows[0], true); // range 1..2 follows row 1's new state: off
    expect([...s.selected].sort()).toEqual([4]);
  });

  it("keeps a range ticked when its end is a part already ticked with its need", () => {
    const s = useSelection(ref(rows));
    s.toggle(rows[1]); // need 20: rows 2 and 3
    s.toggle(rows[2], true);
    expect([...s.selected].sort()).toEqual([2, 3]);
  });

  it("selects or clears the whole page, and says when only some are chosen", () => {
    const s = useSelection(ref(rows));
    s.toggle(rows[0]);
    expect(s.someChosen.value).toBe(true);
    s.toggleAll();
    expect(s.allChosen.value).toBe(true);
    s.toggleAll();
    expect(s.selected.size).toBe(0);
  });

  it("forgets proposals no longer listed after a reload", () => {
    const list = ref<Decidable[]>(rows);
    const s = useSelection(list);
    s.toggleAll();
    list.value = rows.slice(2);
    s.prune();
    expect([...s.selected].sort()).toEqual([3, 4]);
  });
});

describe("decision batches", () => {
  it("names each proposal's version, and gives rejections the trimmed reason", () => {
    expect(buildBatch([rows[0], rows[1]], [rows[3]], "  相识，需回避 ")).toEqual({
      approve: [
        { id: 1, version: 1 },
        { id: 2, version: 3 },
      ],
      reject: [{ id: 4, version: 2, reason: "相识，需回避" }],
    });
  });

  it("never approves and rejects the same proposal", () => {
    expect(buildBatch([rows[0]], [rows[0]], "no").approve).toEqual([]);
  });

  it("counts parts per need and finds parts a batch would leave behind", () => {
    expect(partsByNeed(rows).get(20)).toBe(2);
    expect(partsByNeed(rows).get(10)).toBe(1);
    expect(splitParts(rows, [rows[1]]).map((r) => r.id)).toEqual([3]);
    expect(splitParts(rows, [rows[1], rows[2]])).toEqual([]);
  });
});
