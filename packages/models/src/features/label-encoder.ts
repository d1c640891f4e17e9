/** sklearn `LabelEncoder`: classes are the sorted distinct labels; each label maps to its index. */
export interface LabelEncoding {
  classes: string[];
  codes: Int32Array;
}

export function encodeLabels(labels: readonly string[], classes?: readonly string[]): LabelEncoding {
  const sorted = classes ? [...classes] : [...new Set(labels)].sort();
  const index = new Map(sorted.map((c, i) => [c, i]));
  const codes = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    const code = index.get(label);
    if (code === undefined) throw new Error(`label "${label}" is not one of the ${sorted.length} classes`);
    codes[i] = code;
  });
  return { classes: sorted, codes };
}
