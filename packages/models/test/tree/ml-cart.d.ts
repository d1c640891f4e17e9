// ml-cart ships no types; this is the slice of its API the tests use.
declare module "ml-cart" {
  export interface CartOptions {
    gainFunction?: "gini";
    splitFunction?: "mean";
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: CartOptions);
    train(trainingSet: number[][], trainingLabels: number[]): void;
    predict(toPredict: number[][]): number[];
  }
}
