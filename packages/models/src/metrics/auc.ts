import { sameLength } from "./labels.ts";

/**
 * The area under the curve through the points (x[i], y[i]) by the trapezoidal rule: sklearn's `auc`.
 * x must be monotonic; if it is non-increasing the area is negated so that it comes out positive.
 * NaN coordinates give NaN.
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = sameLength(x, y, "x and y");
  if (n < 2) throw new RangeError(`at least 2 points are needed to compute an area, got ${n}`);
  let rising = false;
  let falling = false;
  let area = 0;
  for (let i = 1; i < n; i++) {
    const dx = (x[i] as number) - (x[i - 1] as number);
    if (dx > 0) rising = true;
    else if (dx < 0) falling = true;
    area += (dx * ((y[i] as number) + (y[i - 1] as number))) / 2;
  }
  if (rising && falling) throw new RangeError("x is neither increasing nor decreasing");
  return falling ? -area : area;
}
