"""sklearn side of boosting.bench.ts: fit HistGradientBoostingClassifier on the CSVs it wrote, print JSON.

Optional reference: install scikit-learn for /usr/bin/python3 (Debian: `apt-get install python3-sklearn`).
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

folder = sys.argv[1]
params = json.loads(sys.argv[2])
train = np.loadtxt(f"{folder}/train.csv", delimiter=",")
test = np.loadtxt(f"{folder}/test.csv", delimiter=",")
X, y = train[:, :-1], train[:, -1].astype(int)
Xt, yt = test[:, :-1], test[:, -1].astype(int)
model = HistGradientBoostingClassifier(
    learning_rate=params["learningRate"],
    max_iter=params["maxIter"],
    max_leaf_nodes=params["maxLeafNodes"],
    min_samples_leaf=params["minSamplesLeaf"],
    l2_regularization=params["l2Regularization"],
    max_bins=params["maxBins"],
    early_stopping=False,
    random_state=42,
)
t0 = time.perf_counter()
model.fit(X, y)
fit = time.perf_counter() - t0
print(json.dumps({
    "fit": fit,
    "iterations": int(model.n_iter_),
    "train": float((model.predict(X) == y).mean()),
    "test": float((model.predict(Xt) == yt).mean()),
    "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
}))
