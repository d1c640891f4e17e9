export interface RowWindow {
  /** First row to render (inclusive). */
  first: number;
  /** Row after the last to render (exclusive). */
  end: number;
}

/**
 * Which of `total` equal-height rows to render for a scroll position: those in view plus `overscan` rows on
 * each side, so a fast scroll does not flash empty space. `offset` is the scroll position in pixels measured
 * from the first row (after any header).
 */
export function rowWindow(
  offset: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 10,
): RowWindow {
  if (total === 0 || rowHeight <= 0) return { first: 0, end: Math.min(total, 1) };
  const firstVisible = Math.floor(Math.max(0, offset) / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const first = Math.min(Math.max(0, firstVisible - overscan), Math.max(0, total - 1));
  const end = Math.min(total, firstVisible + visible + overscan);
  return { first, end: Math.max(end, first + 1) };
}
