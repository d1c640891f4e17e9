import { linkedQuerySearch } from "../widgets/sql-console/linked-query.ts";
import { normaliseBase } from "./base-path.ts";

/** The configured base ("/" or "/sub/"), as Astro exposes it to pages. */
export const BASE = normaliseBase(import.meta.env.BASE_URL);

/** An internal link: `path` is relative to the site root ("chapters/x/", "data/y.csv", "" for home). */
export function withBase(path = ""): string {
  return `${BASE}${path.replace(/^\/+/, "")}`;
}

export function chapterHref(slug: string): string {
  return withBase(`chapters/${slug}/`);
}

export function figureDataHref(id: string, format: "csv" | "json"): string {
  return withBase(`data/${id}.${format}`);
}

/** The explore page's SQL console with `sql` in its editor, ready to run (widgets/sql-console/linked-query.ts). */
export function consoleQueryHref(sql: string): string {
  return withBase(`explore/${linkedQuerySearch(sql)}#sql-console`);
}

/** The folder of the built site that holds the analysis's downloadable files (integrations/downloads.ts). */
export const DOWNLOADS_DIR = "downloads";

/** A downloadable file of the analysis (the manifest's `downloads`), by its file name. */
export function downloadHref(file: string): string {
  return withBase(`${DOWNLOADS_DIR}/${file}`);
}
