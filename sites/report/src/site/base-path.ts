/**
 * The URL path the site is served under, always with a leading and a trailing slash ("/" or "/report/").
 * Set at build time with the REPORT_BASE environment variable.
 */
export function normaliseBase(raw: string | undefined): string {
  const trimmed = (raw ?? "").trim().replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}
