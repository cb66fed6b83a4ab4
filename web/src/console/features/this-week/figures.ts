// The dashboard's bars and shares, computed once and tested.
export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Width of the bar, 0 to 100, relative to the largest value shown. */
  share: number;
}

export function barRows(rows: readonly Omit<Bar, "share">[]): Bar[] {
  const max = Math.max(0, ...rows.map((r) => r.value));
  return rows.map((r) => ({ ...r, share: max ? Math.round((r.value / max) * 100) : 0 }));
}

/** "37%" (whole per cent; "<1%" for a small nonzero share), or "—" with nothing to count. */
export function percent(part: number | null | undefined, whole: number | null | undefined): string {
  if (!whole) return "—";
  const share = ((part ?? 0) / whole) * 100;
  if (share > 0 && share < 1) return "<1%";
  return `${Math.round(share)}%`;
}
