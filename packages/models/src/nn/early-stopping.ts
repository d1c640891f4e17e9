/**
 * Lightning's `EarlyStopping(monitor, mode="min", patience, min_delta)`: an epoch improves when its value is
 * below the best so far by more than `minDelta`; training stops once `patience` epochs in a row have not
 * improved. (Lightning compares `current + min_delta < best`.) A value that is not finite stops training
 * at once, as Lightning's `check_finite` does.
 */
export interface EarlyStoppingConfig {
  patience: number;
  minDelta: number;
  /** Put back the weights of the best epoch when training ends (Lightning's callback does not). */
  restoreBest: boolean;
}

export class EarlyStopping {
  readonly #config: EarlyStoppingConfig;
  #best = Number.POSITIVE_INFINITY;
  #bestEpoch = -1;
  #wait = 0;

  constructor(config: EarlyStoppingConfig) {
    if (!Number.isInteger(config.patience) || config.patience < 1) {
      throw new RangeError(`patience must be a positive integer, got ${config.patience}`);
    }
    if (!(config.minDelta >= 0)) throw new RangeError(`minDelta must be ≥ 0, got ${config.minDelta}`);
    this.#config = config;
  }

  /** Records epoch `epoch`'s monitored value; true when this epoch is the new best. */
  update(epoch: number, value: number): boolean {
    if (!Number.isFinite(value)) {
      this.#wait = this.#config.patience;
      return false;
    }
    if (value + this.#config.minDelta < this.#best) {
      this.#best = value;
      this.#bestEpoch = epoch;
      this.#wait = 0;
      return true;
    }
    this.#wait++;
    return false;
  }

  get shouldStop(): boolean {
    return this.#wait >= this.#config.patience;
  }

  get bestEpoch(): number {
    return this.#bestEpoch;
  }

  get best(): number {
    return this.#best;
  }
}
