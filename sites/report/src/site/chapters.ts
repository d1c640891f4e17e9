import type { MarkdownHeading, MDXInstance } from "astro";
import { z } from "astro/zod";

/**
 * The chapter list is the set of MDX files in src/chapters/: adding a chapter is adding one file.
 * Its frontmatter gives the title, a one-sentence summary and the position in the report.
 */
const frontmatterSchema = z
  .object({
    title: z.string().min(1),
    summary: z.string().min(1),
    order: z.number().int().nonnegative(),
  })
  .strict();

export type ChapterFrontmatter = z.infer<typeof frontmatterSchema>;

export interface Chapter extends ChapterFrontmatter {
  /** URL segment: the file name without `.mdx`. */
  slug: string;
  Content: MDXInstance<ChapterFrontmatter>["Content"];
  headings: MarkdownHeading[];
}

const modules = import.meta.glob<MDXInstance<Record<string, unknown>>>("../chapters/*.mdx", { eager: true });

function load(): Chapter[] {
  const chapters = Object.entries(modules).map(([path, module]) => {
    const slug = path.replace(/^.*\//, "").replace(/\.mdx$/, "");
    const parsed = frontmatterSchema.safeParse(module.frontmatter);
    if (!parsed.success) {
      throw new Error(`src/chapters/${slug}.mdx: invalid frontmatter: ${parsed.error.message}`);
    }
    return { ...parsed.data, slug, Content: module.Content, headings: module.getHeadings() };
  });
  chapters.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  const orders = new Set(chapters.map((chapter) => chapter.order));
  if (orders.size !== chapters.length)
    throw new Error("Two chapters share the same `order` in their frontmatter.");
  return chapters;
}

/** Every chapter, in reading order. */
export const chapters: readonly Chapter[] = load();

export function chapterBySlug(slug: string): Chapter {
  const chapter = chapters.find((candidate) => candidate.slug === slug);
  if (!chapter) throw new Error(`No chapter "${slug}" in src/chapters/.`);
  return chapter;
}

/** The chapters before and after `slug` in reading order (undefined at either end). */
export function neighbours(slug: string): { previous: Chapter | undefined; next: Chapter | undefined } {
  const index = chapters.findIndex((chapter) => chapter.slug === slug);
  return { previous: chapters[index - 1], next: chapters[index + 1] };
}
