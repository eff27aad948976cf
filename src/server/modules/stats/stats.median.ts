/** How many records took each number of days: the exact median is read from it in JS (no sort in SQL). */
export type DayCounts = Map<number, number>;

export function countDays(into: Map<string, DayCounts>, key: string, days: number | null, n: number) {
  if (days === null) return;
  const counts = into.get(key) ?? new Map<number, number>();
  counts.set(days, (counts.get(days) ?? 0) + n);
  into.set(key, counts);
}

/** The median as percentile_cont(0.5) gives it: the middle value, or the mean of the two middle values. */
export function medianOf(counts: DayCounts | undefined): number | null {
  if (!counts?.size) return null;
  const days = [...counts.keys()].sort((a, b) => a - b);
  const total = days.reduce((sum, d) => sum + counts.get(d)!, 0);
  const nth = (i: number) => {
    let seen = 0;
    for (const d of days) {
      seen += counts.get(d)!;
      if (i < seen) return d;
    }
    return days[days.length - 1]!;
  };
  return total % 2 === 1 ? nth((total - 1) / 2) : (nth(total / 2 - 1) + nth(total / 2)) / 2;
}
