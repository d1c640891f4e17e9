export { type AgglomerativeFit, fitAgglomerativeWard } from "./agglomerative.ts";
export { cholesky, inverseTransposeLower } from "./cholesky.ts";
export {
  fitGaussianMixture,
  type GaussianMixtureFit,
  type GaussianMixtureOptions,
  gaussianMixturePredict,
  gaussianMixtureScore,
} from "./gaussian-mixture.ts";
export { cutTree } from "./hierarchy-cut.ts";
export { fitKMeans, type KMeansFit, type KMeansOptions, kmeansPredict } from "./kmeans.ts";
export { kmeansPlusPlus } from "./kmeans-plus-plus.ts";
export { fitPca, type Pca, type PcaOptions, pcaTransform } from "./pca.ts";
export { stratifiedSample } from "./stratified-sample.ts";
export { type SymmetricEigen, symmetricEigen } from "./symmetric-eigen.ts";
export { wardLinkageInWorker } from "./ward-in-worker.ts";
export { type Linkage, wardLinkage } from "./ward-linkage.ts";
