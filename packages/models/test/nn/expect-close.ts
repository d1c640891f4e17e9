import { expect } from "vitest";

/** Element-wise `toBeCloseTo` over two equally long arrays. */
export function expectAllClose(got: ArrayLike<number>, want: ArrayLike<number>, digits: number): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i] as number, digits);
}
