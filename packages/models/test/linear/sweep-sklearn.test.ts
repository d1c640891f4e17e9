import { describe, expect, it } from "vitest";
import { sweepGroup } from "../../src/linear/response-sweep.ts";
import { matrix } from "../../src/matrix.ts";
import { parkMiller } from "./fixtures.ts";

const NAMES = [
  "popularity",
  "duration_ms",
  "danceability",
  "energy",
  "loudness",
  "speechiness",
  "acousticness",
  "instrumentalness",
  "liveness",
  "valence",
  "tempo",
];

/** sklearn-expected.py section 6: 200 rows of 11 track-like columns from Park–Miller uniforms. */
function trackLike(n: number) {
  const u = parkMiller(424242, n * 11);
  const g = matrix(n, 11);
  for (let i = 0; i < n; i++) {
    const r = (k: number) => u[i * 11 + k] as number;
    g.data.set(
      [
        Math.floor(100 * r(0)),
        150000 + 100000 * r(1),
        r(2),
        r(3),
        -20 + 15 * r(3) + 3 * r(4),
        0.3 * r(5) * r(5),
        1 - 0.8 * r(3) + 0.2 * r(6),
        r(7) ** 4,
        0.1 + 0.5 * r(8),
        0.5 * r(2) + 0.5 * r(9),
        60 + 140 * r(10),
      ],
      i * 11,
    );
  }
  return g;
}

// sklearn 1.2.1: SequentialFeatureSelector(LinearRegression(), "auto", forward, r2, cv=5) on train, then
// LinearRegression / make_pipeline(PolynomialFeatures(2), LinearRegression()) train and validation R² —
// pasted from sklearn-expected.py section 6 (same rows, same fixed split).
const EXPECTED: { response: string; support: string[]; linear: number[]; quadratic: number[] }[] = [
  {
    response: "popularity",
    support: ["duration_ms", "danceability", "loudness", "acousticness", "tempo"],
    linear: [0.08599377737367497, -0.027746537468424703],
    quadratic: [0.15832053367274423, -0.08731581543699374],
  },
  {
    response: "duration_ms",
    support: ["popularity", "loudness", "speechiness", "acousticness", "tempo"],
    linear: [0.03977581236873684, -0.1379624434773259],
    quadratic: [0.10390162792111579, -0.20133911223684064],
  },
  {
    response: "danceability",
    support: ["popularity", "speechiness", "acousticness", "valence", "tempo"],
    linear: [0.466110828098383, 0.453468013760865],
    quadratic: [0.48417580556278506, 0.3686476310803969],
  },
  {
    response: "energy",
    support: ["loudness", "speechiness", "acousticness", "valence", "tempo"],
    linear: [0.9774362928306521, 0.9622160108817456],
    quadratic: [0.9803008763175016, 0.9599455588246548],
  },
  {
    response: "loudness",
    support: ["energy", "speechiness", "liveness", "valence", "tempo"],
    linear: [0.9609886490138585, 0.9438659973650225],
    quadratic: [0.968123098818475, 0.9371901568227807],
  },
  {
    response: "speechiness",
    support: ["popularity", "danceability", "loudness", "instrumentalness", "tempo"],
    linear: [0.06495980782244415, -0.19664294261518056],
    quadratic: [0.11494070981232563, -0.3137868842101321],
  },
  {
    response: "acousticness",
    support: ["popularity", "duration_ms", "energy", "speechiness", "valence"],
    linear: [0.9437242434331701, 0.8992464676022438],
    quadratic: [0.9490733236147211, 0.8690629161855714],
  },
  {
    response: "instrumentalness",
    support: ["duration_ms", "danceability", "speechiness", "liveness", "valence"],
    linear: [0.03367192162876487, -0.1854213323281637],
    quadratic: [0.10433072618986072, -0.15870937609655877],
  },
  {
    response: "liveness",
    support: ["popularity", "energy", "loudness", "instrumentalness", "valence"],
    linear: [0.03814313092620247, -0.1030528976914089],
    quadratic: [0.17926161460958934, -0.43355178251478765],
  },
  {
    response: "valence",
    support: ["duration_ms", "danceability", "loudness", "instrumentalness", "tempo"],
    linear: [0.4476320041043941, 0.5028093795154843],
    quadratic: [0.5461980974612531, 0.5128181441795067],
  },
  {
    response: "tempo",
    support: ["popularity", "duration_ms", "danceability", "speechiness", "valence"],
    linear: [0.013413619958435041, -0.03113710353689214],
    quadratic: [0.1299556967353186, 0.08643828901230977],
  },
];

describe("sweepGroup against sklearn end to end", () => {
  const order = Int32Array.from({ length: 200 }, (_, i) => (37 * i) % 200);
  const split = () => ({
    train: order.slice(0, 120),
    validation: order.slice(120, 160),
    test: order.slice(160),
  });
  const result = sweepGroup(
    { name: "track-like", data: trackLike(200) },
    { columns: NAMES, split, biasVariance: null },
  );

  it.each(EXPECTED)("$response: same selected features and R² as sklearn", (e) => {
    const r = result.responses.find((x) => x.response === e.response);
    expect(r?.selectedColumns).toEqual(e.support);
    expect(r?.fits.linear?.train.r2).toBeCloseTo(e.linear[0] as number, 10);
    expect(r?.fits.linear?.validation.r2).toBeCloseTo(e.linear[1] as number, 10);
    // sklearn's quadratic fits carry ~5e-9 error of their own here (see the next test), hence 7 digits.
    expect(r?.fits.quadratic?.train.r2).toBeCloseTo(e.quadratic[0] as number, 7);
    expect(r?.fits.quadratic?.validation.r2).toBeCloseTo(e.quadratic[1] as number, 7);
  });

  it("is more accurate than sklearn on the badly scaled quadratic designs", () => {
    // 50-digit mpmath solutions, sklearn-expected.py section 7; sklearn gives −0.08731581543699374 and
    // 0.08643828901230977 (errors 4e-9 and 5e-9).
    const exact = { popularity: -0.0873158194319316, tempo: 0.0864382936678754 };
    for (const [response, r2] of Object.entries(exact)) {
      const r = result.responses.find((x) => x.response === response);
      expect(Math.abs((r?.fits.quadratic?.validation.r2 as number) - r2)).toBeLessThan(1e-13);
    }
  });

  it("picks sklearn's best response (energy, validation R² 0.962)", () => {
    expect(result.best.linear?.response).toBe("energy");
    expect(result.best.quadratic?.response).toBe("energy");
  });
});
