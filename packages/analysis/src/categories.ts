/** Spotify's `key` is a pitch class (0 = C … 11 = B; −1 when no key was detected). */
export const PITCH_NAMES: Record<number, string> = {
  [-1]: "No key detected",
  0: "C",
  1: "C♯/D♭",
  2: "D",
  3: "D♯/E♭",
  4: "E",
  5: "F",
  6: "F♯/G♭",
  7: "G",
  8: "G♯/A♭",
  9: "A",
  10: "A♯/B♭",
  11: "B",
};

export const MODE_NAMES: Record<number, string> = { 0: "Minor", 1: "Major" };

/** Spotify's `time_signature` is the number of beats in a bar: 3 means 3/4, 4 means 4/4. */
export function timeSignatureLabel(beats: number): string {
  return `${beats}/4`;
}

export function explicitLabel(explicit: boolean): string {
  return explicit ? "Explicit" : "Not explicit";
}
