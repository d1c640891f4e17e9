"""sklearn side of forest.bench.ts: fit RandomForestClassifier on the CSVs it wrote, print timings as JSON."""
import json
import resource
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier

folder, n_estimators, max_depth, n_jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
train = np.loadtxt(f"{folder}/train.csv", delimiter=",")
test = np.loadtxt(f"{folder}/test.csv", delimiter=",")
X, y = train[:, :-1], train[:, -1].astype(int)
Xt, yt = test[:, :-1], test[:, -1].astype(int)
t0 = time.perf_counter()
forest = RandomForestClassifier(n_estimators=n_estimators, max_depth=max_depth, n_jobs=n_jobs, random_state=42).fit(X, y)
fit = time.perf_counter() - t0
print(json.dumps({
    "fit": fit,
    "train": float((forest.predict(X) == y).mean()),
    "test": float((forest.predict(Xt) == yt).mean()),
    "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
}))
