import { parseHTML } from "linkedom";

/** Parses a built page for assertions. */
export function parsePage(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** The page's visible text (no scripts or styles), with whitespace collapsed. */
export function visibleText(document: Document): string {
  const body = document.body.cloneNode(true) as HTMLElement;
  for (const element of body.querySelectorAll("style, script, template")) element.remove();
  return (body.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** Every URL the page links to or loads: href and src attributes. */
export function linkedUrls(document: Document): string[] {
  const urls: string[] = [];
  for (const element of document.querySelectorAll("[href], [src]")) {
    for (const name of ["href", "src"]) {
      const value = element.getAttribute(name);
      if (value) urls.push(value);
    }
  }
  return urls;
}

/** Formats a count the way the tests expect to read it in the page (en-US digit grouping). */
export function grouped(value: number): string {
  return value.toLocaleString("en-US");
}
