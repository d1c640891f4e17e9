import { z } from "zod";

/**
 * Timings of one pipeline run. This is the one output that differs between runs of the same data;
 * everything else the analysis writes is byte-identical for the same input.
 */
export const buildLog = z.object({
  stages: z.array(z.object({ stage: z.string(), seconds: z.number().nonnegative(), detail: z.string() })),
  totalSeconds: z.number().nonnegative(),
  datasetSource: z.string(),
  duckdbVersion: z.string(),
});
export type BuildLog = z.infer<typeof buildLog>;
