import type { APIRoute, GetStaticPaths } from "astro";
import { toJson } from "../../figures/downloads.ts";
import { allFigures, figure } from "../../figures/registry.ts";

/** The numbers behind each figure as JSON, written at build time: /data/<figure id>.json. */
export const getStaticPaths = (() =>
  allFigures().map((spec) => ({ params: { id: spec.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const spec = figure(params.id ?? "");
  return new Response(toJson(spec.id, spec.title, spec.data), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
};
