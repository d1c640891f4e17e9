/** Number formatting for prose and tables. Every number on the site passes through one of these. */

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 113822 → "113,822". */
export function int(value: number): string {
  return integer.format(value);
}

/**
 * One formatter per number of decimals, made on first use: making an Intl.NumberFormat costs about 40 µs and
 * formatting with one about 1 µs, and a build formats tens of thousands of numbers (0.8 s of its page rendering
 * went to making formatters).
 */
const fixed = new Map<number, Intl.NumberFormat>();

/** A value with a fixed number of decimals and a true minus sign: dec(-0.47369, 2) → "−0.47". */
export function dec(value: number, digits = 2): string {
  let format = fixed.get(digits);
  if (format === undefined) {
    format = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixed.set(digits, format);
  }
  return format.format(value).replace("-", "−");
}

/** A share in [0, 1] as a percentage: pct(0.0856) → "8.6%". */
export function pct(share: number, digits = 1): string {
  return `${dec(share * 100, digits)}%`;
}

/**
 * A share set against a threshold, with as many decimals (up to four) as it takes for the figure not to
 * round onto the other side: pctAgainst(0.5996, 0.6) → "59.96%", not the "60.0%" that would read as met.
 */
export function pctAgainst(share: number, threshold: number, digits = 1): string {
  let shown = digits;
  const rounded = (d: number) => Number((share * 100).toFixed(d)) / 100;
  while (shown < 4 && share < threshold !== rounded(shown) < threshold) shown++;
  return pct(share, shown);
}

/** A value shown with about `significant` significant digits, without exponent notation for ordinary sizes. */
export function sig(value: number, significant = 3): string {
  if (Number.isInteger(value)) return int(value).replace("-", "−");
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const digits = Math.max(0, significant - 1 - magnitude);
  return digits === 0 ? int(value) : dec(value, Math.min(digits, 6));
}

/** Milliseconds as minutes and seconds: 228135 → "3 min 48 s". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
}

/** A count with its noun, pluralised: count(1, "row") → "1 row", count(3, "row") → "3 rows". */
export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${int(value)} ${value === 1 ? singular : plural}`;
}

/** A number written as a word when small (as style guides prefer in prose), otherwise with digits. */
export function words(value: number): string {
  const names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  return Number.isInteger(value) && value >= 0 && value < names.length
    ? (names[value] ?? int(value))
    : int(value);
}

/** The text with its first letter in upper case, for numbers or names that start a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
