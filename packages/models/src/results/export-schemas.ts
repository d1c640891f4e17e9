import { z } from "zod";

/**
 * Fitted models saved for other packages and the browser: everything needed to predict a track's class
 * from its columns — feature names in order, classes, preprocessing, parameters.
 */
const finite = z.number().finite();
const oneHot = z.array(z.object({ column: z.string(), categories: z.array(finite) }));

export const exportedLogistic = z.object({
  kind: z.literal("logistic-regression"),
  protocol: z.string(),
  classes: z.array(z.string()),
  oneHot,
  raw: z.array(z.string()),
  features: z.array(z.string()),
  scaler: z.object({ mean: z.array(finite), scale: z.array(finite) }),
  /** K × d, row-major. */
  coefficients: z.array(finite),
  intercepts: z.array(finite),
});
export type ExportedLogistic = z.infer<typeof exportedLogistic>;

export const exportedTree = z.object({
  kind: z.literal("decision-tree"),
  protocol: z.string(),
  classes: z.array(z.string()),
  features: z.array(z.string()),
  tree: z.object({
    nFeatures: z.number().int(),
    nClasses: z.number().int(),
    feature: z.array(z.number().int()),
    threshold: z.array(finite),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(finite),
    importances: z.array(finite).optional(),
  }),
});
export type ExportedTree = z.infer<typeof exportedTree>;
