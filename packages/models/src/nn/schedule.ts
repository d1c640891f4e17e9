/**
 * Learning rate per epoch (0-based), set before the epoch's first step.
 *
 * - `step`: PyTorch `StepLR(step_size, gamma)` stepped once per epoch: lr₀·γ^⌊epoch / stepSize⌋;
 * - `cosine`: `CosineAnnealingLR(T_max = epochs, eta_min = 0)`: lr₀·(1 + cos(π·epoch / epochs)) / 2;
 * - `constant`.
 */
export type Schedule =
  | { kind: "step"; stepSize: number; gamma: number }
  | { kind: "cosine"; epochs: number }
  | { kind: "constant" };

export function learningRateAt(schedule: Schedule, initial: number, epoch: number): number {
  if (!Number.isInteger(epoch) || epoch < 0)
    throw new RangeError(`epoch must be a whole number ≥ 0, got ${epoch}`);
  switch (schedule.kind) {
    case "step":
      return initial * schedule.gamma ** Math.floor(epoch / schedule.stepSize);
    case "cosine":
      return (initial * (1 + Math.cos((Math.PI * Math.min(epoch, schedule.epochs)) / schedule.epochs))) / 2;
    case "constant":
      return initial;
  }
}

export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case "step":
      return `StepLR(step ${schedule.stepSize}, γ ${schedule.gamma})`;
    case "cosine":
      return `cosine annealing over ${schedule.epochs} epochs`;
    case "constant":
      return "constant";
  }
}
