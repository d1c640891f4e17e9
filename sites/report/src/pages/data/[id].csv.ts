import type { APIRoute, GetStaticPaths } from "astro";
import { toCsv } from "../../figures/downloads.ts";
import { allFigures, figure } from "../../figures/registry.ts";

/** The numbers behind each figure as CSV, written at build time: /data/<figure id>.csv. */
export const getStaticPaths = (() =>
  allFigures().map((spec) => ({ params: { id: spec.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const spec = figure(params.id ?? "");
  return new Response(toCsv(spec.data), { headers: { "Content-Type": "text/csv; charset=utf-8" } });
};
