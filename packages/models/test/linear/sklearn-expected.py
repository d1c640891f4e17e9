"""Expected values pasted into the linear tests, computed with Debian's scikit-learn (1.2.1, numpy 1.24.2,
scipy 1.10.1) via `/usr/bin/python3 packages/models/test/linear/sklearn-expected.py`. The tests never run
Python; this script documents where their literals come from.

The data come from the Park–Miller generator s ← 16807 s mod (2³¹ − 1), u = s / (2³¹ − 1), which is exact in
double arithmetic, so `parkMiller` in fixtures.ts reproduces the same numbers in TypeScript.
"""

import numpy as np
from sklearn.feature_selection import SequentialFeatureSelector
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

np.set_printoptions(precision=17)


def park_miller(seed, count):
    s = seed
    out = []
    for _ in range(count):
        s = (s * 16807) % 2147483647
        out.append(s / 2147483647)
    return np.array(out)


def selection_data():
    """60 rows × 6 features; y depends on x1, x3, x4 (plus noise); x5 ≈ x1 + small noise (a decoy)."""
    u = park_miller(20240601, 60 * 8).reshape(60, 8)
    X = u[:, :6].copy()
    X[:, 5] = X[:, 1] + 0.3 * (u[:, 6] - 0.5)
    y = 3 * X[:, 1] - 2 * X[:, 3] + 1 * X[:, 4] + 0.4 * (u[:, 7] - 0.5)
    return X, y


def show(name, value):
    print(f"{name} = {np.array2string(np.asarray(value), separator=', ', precision=17)}")


# 1. LinearRegression on 12 rows × 3 features.
u = park_miller(7, 12 * 4).reshape(12, 4)
X = u[:, :3] * np.array([1.0, 10.0, 0.1])
y = 0.5 + 1.5 * X[:, 0] - 0.25 * X[:, 1] + 4 * X[:, 2] + (u[:, 3] - 0.5)
lr = LinearRegression().fit(X, y)
show("ols intercept", lr.intercept_)
show("ols coef", lr.coef_)

# 2. Rank deficiency: column 3 duplicates column 0, column 4 is constant (min-norm solution from gelsd).
Xd = np.column_stack([X, X[:, 0], np.full(12, 2.5)])
lr = LinearRegression().fit(Xd, y)
show("deficient intercept", lr.intercept_)
show("deficient coef", lr.coef_)

# 3. PolynomialFeatures(2) + LinearRegression on the first two columns; predictions at two points.
poly = make_pipeline(PolynomialFeatures(2), LinearRegression()).fit(X[:, :2], y)
print("poly names", PolynomialFeatures(2).fit(X[:, :2]).get_feature_names_out(["a", "b"]))
show("poly intercept", poly[-1].intercept_)
show("poly coef", poly[-1].coef_)
show("poly predict", poly.predict(np.array([[0.2, 3.0], [0.9, 7.5]])))

# 4. SequentialFeatureSelector(LinearRegression(), "auto", forward, r2, cv=5) on 60 × 6.
X, y = selection_data()
sfs = SequentialFeatureSelector(
    LinearRegression(), n_features_to_select="auto", direction="forward", scoring="r2", cv=5
).fit(X, y)
show("sfs support", np.flatnonzero(sfs.get_support()))
# The greedy trace with cross_val_score (KFold(5), unshuffled), to check order and scores.
mask = np.zeros(6, bool)
for step in range(3):
    scores = {}
    for j in np.flatnonzero(~mask):
        m = mask.copy()
        m[j] = True
        scores[j] = cross_val_score(LinearRegression(), X[:, m], y, cv=KFold(5), scoring="r2").mean()
    best = max(scores, key=lambda j: scores[j])
    mask[best] = True
    print(f"step {step}: added {best}, score {scores[best]!r}, all {[(int(k), float(v)) for k, v in scores.items()]}")

# 5. The 5-fold CV R² of LinearRegression on columns [1, 3] alone (each fold score).
show("cv fold r2 cols 1,3", cross_val_score(LinearRegression(), X[:, [1, 3]], y, cv=KFold(5), scoring="r2"))


# 6. End-to-end sweep of one synthetic 200-row group (11 track-like columns), with a fixed split passed to
#    both implementations: train = positions 0..119, validation 120..159, test 160..199 of the order
#    (37 · i) mod 200. Per response: SFS support, and linear / quadratic train and validation R².
def track_like(n):
    u = park_miller(424242, n * 11).reshape(n, 11)
    X = np.empty((n, 11))
    X[:, 0] = np.floor(100 * u[:, 0])
    X[:, 1] = 150000 + 100000 * u[:, 1]
    X[:, 2] = u[:, 2]
    X[:, 3] = u[:, 3]
    X[:, 4] = -20 + 15 * u[:, 3] + 3 * u[:, 4]
    X[:, 5] = 0.3 * u[:, 5] * u[:, 5]
    X[:, 6] = 1 - 0.8 * u[:, 3] + 0.2 * u[:, 6]
    X[:, 7] = u[:, 7] ** 4
    X[:, 8] = 0.1 + 0.5 * u[:, 8]
    X[:, 9] = 0.5 * u[:, 2] + 0.5 * u[:, 9]
    X[:, 10] = 60 + 140 * u[:, 10]
    return X


G = track_like(200)
order = (37 * np.arange(200)) % 200
train, val = order[:120], order[120:160]
names = ["popularity", "duration_ms", "danceability", "energy", "loudness", "speechiness", "acousticness",
         "instrumentalness", "liveness", "valence", "tempo"]
for j, response in enumerate(names):
    predictors = [c for c in range(11) if c != j]
    Xtr, ytr = G[np.ix_(train, predictors)], G[train, j]
    Xva, yva = G[np.ix_(val, predictors)], G[val, j]
    sfs = SequentialFeatureSelector(
        LinearRegression(), n_features_to_select="auto", direction="forward", scoring="r2", cv=5
    ).fit(Xtr, ytr)
    support = [names[predictors[k]] for k in np.flatnonzero(sfs.get_support())]
    lin = LinearRegression().fit(sfs.transform(Xtr), ytr)
    poly = make_pipeline(PolynomialFeatures(2), LinearRegression()).fit(sfs.transform(Xtr), ytr)
    r2 = lambda m, X, y: float(m.score(sfs.transform(X), y))
    print(f'  {{ response: "{response}", support: {support}, linear: [{r2(lin, Xtr, ytr)!r}, '
          f'{r2(lin, Xva, yva)!r}], quadratic: [{r2(poly, Xtr, ytr)!r}, {r2(poly, Xva, yva)!r}] }},')


# 7. sklearn's quadratic validation R² above differs from ours by up to ~5e-9: gelsd runs on the unscaled
#    centred design, where duration_ms² (~1e10) sits next to columns of ~1e-2. A 50-digit mpmath solve of
#    the same problem (normal equations, exact enough at that precision) gives the reference values.
import mpmath  # noqa: E402

mpmath.mp.dps = 50
for response, chosen in [
    ("popularity", ["duration_ms", "danceability", "loudness", "acousticness", "tempo"]),
    ("tempo", ["popularity", "duration_ms", "danceability", "speechiness", "valence"]),
]:
    cols, j = [names.index(c) for c in chosen], names.index(response)
    P = PolynomialFeatures(2).fit_transform(G[:, cols])
    A, yy = mpmath.matrix(P[train].tolist()), mpmath.matrix(G[train, j].tolist())
    b = mpmath.lu_solve(A.T * A, A.T * yy)
    pred = mpmath.matrix(P[val].tolist()) * b
    yv = G[val, j]
    ss = sum((float(yv[i]) - pred[i]) ** 2 for i in range(len(val)))
    print(f"mpmath quadratic validation R² {response}: {mpmath.nstr(1 - ss / np.sum((yv - yv.mean()) ** 2), 17)}")
