// What the ledger page shows of an import report: one line per row of the file that has
// something to say. Today's API reports the bad rows (`errors`, or `rows` of a refused
// import's problem); a report with `rows` carrying each row's `status` (new, changed with
// its fields, unchanged, error) is shown with that status column as well.
export type RowStatus = "new" | "changed" | "unchanged" | "error";

export interface LedgerLine {
  row: number;
  status?: RowStatus;
  column?: string;
  key?: string;
  message?: string;
  fields?: string[];
}

interface RowError {
  row?: number;
  column?: string;
  key?: string;
  message?: string;
}

interface RowReport {
  row?: number;
  status?: string;
  changed?: string[];
  fields?: string[];
  changed_fields?: string[];
  errors?: RowError[];
  column?: string;
  key?: string;
  message?: string;
}

const STATUSES: RowStatus[] = ["new", "changed", "unchanged", "error"];

interface ChangedColumn {
  key?: string;
  column?: string;
}

export function linesOf(
  report: { errors?: RowError[]; rows?: unknown; row_results?: unknown } | null | undefined,
): LedgerLine[] {
  if (!report) return [];
  if (Array.isArray(report.row_results)) return fromResults(report.row_results as RowResult[], report.errors ?? []);
  const rows = Array.isArray(report.rows) ? (report.rows as RowReport[]) : [];
  const withStatus = rows.some((r) => r && typeof r === "object" && typeof r.status === "string");
  if (withStatus) {
    const out: LedgerLine[] = [];
    for (const r of rows) {
      const status = STATUSES.includes(r.status as RowStatus) ? (r.status as RowStatus) : undefined;
      const fields = r.changed_fields ?? r.changed ?? r.fields;
      if (r.errors?.length) {
        for (const e of r.errors) out.push({ row: r.row ?? e.row ?? 0, status: "error", column: e.column, key: e.key, message: e.message });
      } else {
        out.push({ row: r.row ?? 0, status, column: r.column, key: r.key, message: r.message, fields });
      }
    }
    // Errors reported apart from the rows.
    for (const e of report.errors ?? []) {
      if (!out.some((l) => l.row === e.row && l.message === e.message)) {
        out.push({ row: e.row ?? 0, status: "error", column: e.column, key: e.key, message: e.message });
      }
    }
    return out.sort((a, b) => a.row - b.row);
  }
  const errors = [...(report.errors ?? []), ...(rows as RowError[])];
  return errors
    .map((e) => ({ row: e.row ?? 0, column: e.column, key: e.key, message: e.message }))
    .sort((a, b) => a.row - b.row);
}

interface RowResult {
  row?: number;
  status?: string;
  child_key?: string | null;
  changes?: ChangedColumn[];
}

/** The ledger API's per-row results (`row_results`), each error row with its reasons. */
function fromResults(results: RowResult[], errors: RowError[]): LedgerLine[] {
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row ?? 0, [...(byRow.get(e.row ?? 0) ?? []), e]);
  const out: LedgerLine[] = [];
  for (const r of results) {
    const row = r.row ?? 0;
    const status = STATUSES.includes(r.status as RowStatus) ? (r.status as RowStatus) : undefined;
    const reasons = byRow.get(row) ?? [];
    byRow.delete(row);
    if (reasons.length) {
      for (const e of reasons) out.push({ row, status: "error", column: e.column, key: e.key, message: e.message });
    } else {
      const fields = (r.changes ?? []).map((c) => c.column || c.key || "").filter(Boolean);
      out.push({ row, status, fields: fields.length ? fields : undefined });
    }
  }
  for (const [row, reasons] of byRow) {
    for (const e of reasons) out.push({ row, status: "error", column: e.column, key: e.key, message: e.message });
  }
  return out.sort((a, b) => a.row - b.row);
}

export function hasStatus(lines: LedgerLine[]): boolean {
  return lines.some((l) => l.status !== undefined);
}
