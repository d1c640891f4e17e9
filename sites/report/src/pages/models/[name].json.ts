import type { APIRoute, GetStaticPaths } from "astro";
import {
  PREDICTOR_MODELS,
  type PredictorModelFile,
  predictorModel,
} from "../../widgets/genre-predictor/models.ts";

/**
 * The trained models the genre predictor runs in the browser, as static JSON it fetches on first use
 * (hundreds of kilobytes, so not inlined into any page): /models/<name>.json.
 */
export const getStaticPaths = (() =>
  Object.keys(PREDICTOR_MODELS).map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const name = params.name ?? "";
  if (!Object.hasOwn(PREDICTOR_MODELS, name)) throw new Error(`No predictor model "${name}".`);
  return new Response(JSON.stringify(predictorModel(name as PredictorModelFile)), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
};
