import { describe, expect, it } from "vitest";
import { hasStatus, linesOf } from "./ledger";

describe("ledger report lines", () => {
  it("lists today's row errors in row order, without a status column", () => {
    const lines = linesOf({
      errors: [
        { row: 5, column: "姓名", key: "name", message: "请填写姓名" },
        { row: 3, column: "风险等级", key: "risk_level", message: "不是有效的风险等级" },
      ],
    });
    expect(lines.map((l) => l.row)).toEqual([3, 5]);
    expect(lines[0]).toMatchObject({ column: "风险等级", message: "不是有效的风险等级" });
    expect(hasStatus(lines)).toBe(false);
  });

  it("reads a refused import's problem, whose rows are the bad rows", () => {
    const lines = linesOf({ rows: [{ row: 4, column: "身份证号", key: "id_number", message: "校验位不对" }] } as never);
    expect(lines).toEqual([{ row: 4, column: "身份证号", key: "id_number", message: "校验位不对" }]);
    expect(hasStatus(lines)).toBe(false);
  });

  it("shows each row's status and changed fields when the report carries them", () => {
    const lines = linesOf({
      rows: [
        { row: 2, status: "new" },
        { row: 3, status: "changed", changed_fields: ["phone", "risk_level"] },
        { row: 4, status: "unchanged" },
        { row: 5, status: "error", errors: [{ row: 5, column: "姓名", key: "name", message: "请填写姓名" }] },
      ],
    });
    expect(hasStatus(lines)).toBe(true);
    expect(lines.map((l) => l.status)).toEqual(["new", "changed", "unchanged", "error"]);
    expect(lines[1]!.fields).toEqual(["phone", "risk_level"]);
    expect(lines[3]).toMatchObject({ column: "姓名", message: "请填写姓名" });
  });

  it("reads the per-row results, naming the changed columns and each error row's reasons", () => {
    const lines = linesOf({
      row_results: [
        { row: 2, status: "new", child_key: "A001" },
        { row: 3, status: "changed", child_key: "TXABCDEFGH", changes: [{ key: "phone", column: "联系电话" }] },
        { row: 4, status: "unchanged" },
        { row: 5, status: "error" },
      ],
      errors: [
        { row: 5, column: "姓名", key: "name", message: "请填写姓名" },
        { row: 5, column: "风险等级", key: "risk_level", message: "不是有效的风险等级" },
      ],
    });
    expect(hasStatus(lines)).toBe(true);
    expect(lines.map((l) => [l.row, l.status])).toEqual([
      [2, "new"],
      [3, "changed"],
      [4, "unchanged"],
      [5, "error"],
      [5, "error"],
    ]);
    expect(lines[1]!.fields).toEqual(["联系电话"]);
    expect(lines[4]).toMatchObject({ column: "风险等级", message: "不是有效的风险等级" });
  });
});
