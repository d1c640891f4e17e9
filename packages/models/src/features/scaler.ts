import type { Matrix } from "../matrix.ts";

/** sklearn `StandardScaler`: per-column mean and population standard deviation (a constant column gets scale 1). */
export interface Scaler {
  mean: number[];
  scale: number[];
}

export function fitScaler(x: Matrix): Scaler {
  const mean = new Array<number>(x.cols).fill(0);
  const variance = new Array<number>(x.cols).fill(0);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) mean[j] = (mean[j] as number) + (x.data[i * x.cols + j] as number);
  }
  for (let j = 0; j < x.cols; j++) mean[j] = (mean[j] as number) / x.rows;
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      variance[j] = (variance[j] as number) + ((x.data[i * x.cols + j] as number) - (mean[j] as number)) ** 2;
    }
  }
  const scale = variance.map((v) => {
    const sd = Math.sqrt(v / x.rows);
    return sd === 0 ? 1 : sd;
  });
  return { mean, scale };
}

export function applyScaler(scaler: Scaler, x: Matrix): Matrix {
  const data = new Float64Array(x.data.length);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const k = i * x.cols + j;
      data[k] = ((x.data[k] as number) - (scaler.mean[j] as number)) / (scaler.scale[j] as number);
    }
  }
  return { data, rows: x.rows, cols: x.cols };
}
