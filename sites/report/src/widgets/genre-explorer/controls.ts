import { CATEGORICAL } from "../../figures/palette.ts";
import type { Selection } from "./queries.ts";
import { type ExplorerFeature, type Grouping, isExplorerFeature, isGrouping, MAX_GROUPS } from "./spec.ts";

export type View = "histogram" | "box";

export interface ExplorerState {
  selection: Selection;
  view: View;
  /** Colour of each selected group, in the order of `selection.groups`. */
  colours: string[];
}

/**
 * The explorer's form: reads what the reader chose, shows the list for the chosen grouping, keeps at most
 * `MAX_GROUPS` boxes ticked and filters the long genre list. Group names come from the server-rendered
 * checkboxes' values; nothing here writes markup.
 */
export class ExplorerControls {
  constructor(private readonly form: HTMLFormElement) {
    this.filter?.addEventListener("input", () => this.applyFilter());
    this.form.querySelector("[data-clear-genres]")?.addEventListener("click", () => {
      for (const box of this.boxes("track_genre")) box.checked = false;
      this.sync();
      this.form.dispatchEvent(new Event("change"));
    });
  }

  private get filter(): HTMLInputElement | null {
    return this.form.querySelector<HTMLInputElement>("[data-genre-filter]");
  }

  /** Whether an event came from a control that does not change the chart (the genre filter). */
  isFilter(target: EventTarget | null): boolean {
    return target === this.filter;
  }

  private value(name: string): string {
    const checked = this.form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
    const select = this.form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    return checked?.value ?? select?.value ?? "";
  }

  private boxes(grouping: Grouping): HTMLInputElement[] {
    return [...this.form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${grouping}"]`)];
  }

  private grouping(): Grouping {
    const value = this.value("grouping");
    if (!isGrouping(value)) throw new Error(`Unknown grouping "${value}".`);
    return value;
  }

  /** Shows the chosen grouping's list and disables unticked boxes once `MAX_GROUPS` are ticked. */
  sync(): void {
    const grouping = this.grouping();
    for (const fieldset of this.form.querySelectorAll<HTMLFieldSetElement>("fieldset[data-groups]"))
      fieldset.hidden = fieldset.dataset.groups !== grouping;
    const boxes = this.boxes(grouping);
    const full = boxes.filter((box) => box.checked).length >= MAX_GROUPS;
    for (const box of boxes) box.disabled = full && !box.checked;
  }

  private applyFilter(): void {
    const needle = (this.filter?.value ?? "").trim().toLowerCase();
    for (const box of this.boxes("track_genre")) {
      const label = box.closest("label");
      if (label) label.hidden = needle !== "" && !box.value.toLowerCase().includes(needle);
    }
  }

  state(): ExplorerState {
    const grouping = this.grouping();
    const feature = this.value("feature");
    if (!isExplorerFeature(feature)) throw new Error(`Unknown feature "${feature}".`);
    const view: View = this.value("view") === "box" ? "box" : "histogram";
    const ticked = this.boxes(grouping).filter((box) => box.checked);
    // Super-genres keep their colour whatever else is shown; genres take colours in list order.
    const colours = ticked.map(
      (box, index) => box.dataset.colour ?? CATEGORICAL[index % CATEGORICAL.length] ?? "currentColor",
    );
    return {
      selection: { grouping, feature: feature as ExplorerFeature, groups: ticked.map((box) => box.value) },
      view,
      colours,
    };
  }
}
