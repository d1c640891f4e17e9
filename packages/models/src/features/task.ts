/** A classification target: the 10 super-genres or the 114 genres, label-encoded. */
export interface Task {
  id: "super-genre" | "genre";
  classes: string[];
  labels: Int32Array;
}
