"""Validity you can show (issue 14, item 7): the cluster bootstrap intervals, the logistic fit
behind the literature baseline, the same-region baseline, the design / held-out labels, and
that the literature model's fit never sees data after 1980.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy.optimize import minimize

from alliancescore.backtest import bootstrap, metrics, run_backtest
from alliancescore.backtest.baselines import same_region
from alliancescore.backtest.bootstrap import Draws, draw, percentile_interval, replicate_metrics
from alliancescore.backtest.literature import (
    COVARIATES,
    FIT_YEARS,
    fit_literature_model,
    literature_model,
    pair_covariates,
)
from alliancescore.backtest.logit import fit_logit, log_likelihood
from alliancescore.backtest.outcomes import new_defence_pacts
from alliancescore.backtest.report import backtest_json, backtest_table
from alliancescore.backtest.run import DESIGN_WINDOWS, HELD_OUT_WINDOWS, window_role
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.shipped import backtest_results
from known_at import KnownAt


# ------------------------------------------------------------------------------ bootstrap
def _naive(draws: Draws, focal, s, y, cluster, r, k, weights=None):
    """Replicate ``r`` the slow way: copy the rows (a focal state drawn twice is two focal
    states; a positive of a cluster drawn twice is two rows) and call the metrics."""
    f_index = draws.focal_index(focal)
    rows = []
    for h, name in enumerate(draws.focal_names):
        for copy in range(draws.n[r, h]):
            for i in np.flatnonzero(f_index == h):
                times = draws.m[r, draws.cluster_index([cluster[i]])[0]] if y[i] else 1
                w = 1.0 if weights is None else weights[i]
                rows += [(s[i], y[i], f"{name}#{copy}", w)] * int(times)
    S, Y, G, W = (np.array(c) for c in zip(*rows, strict=True))
    out = {"pooled_auc": metrics.roc_auc(S, Y, W)}
    inside = np.isin(G, np.unique(G[Y]))
    _, aucs = metrics.group_auc(G[inside], S[inside], Y[inside], W[inside])
    out["mean_focal_auc"] = np.nanmean(aucs) if np.isfinite(aucs).any() else np.nan
    if weights is None:
        _, prec = metrics.precision_at_k(G[inside], S[inside], Y[inside], k)
        out[f"precision_at_{k}"] = prec.mean() if prec.size else np.nan
        out["top_decile_rate"] = metrics.decile_table(S, Y)["rate"][-1]
    return out


def _world(seed: int, n_focal: int, n_cand: int, rate: float, n_clusters: int, digits: int):
    rng = np.random.default_rng(seed)
    focal = np.repeat([f"F{i}" for i in range(n_focal)], n_cand)
    s = rng.normal(size=focal.size).round(digits)  # rounding makes ties
    y = rng.random(focal.size) < rate
    cluster = np.where(y, rng.integers(0, n_clusters, focal.size), -1).astype(float)
    cluster[~y] = np.nan
    return focal, s, y, cluster


@pytest.mark.parametrize(
    ("seed", "n_focal", "n_cand", "rate", "n_clusters", "digits", "k"),
    [
        (3, 7, 12, 0.25, 4, 0, 2),  # heavy ties
        (9, 9, 15, 0.4, 9, 1, 3),  # many clusters: many zero-weight blocks
        (5, 4, 30, 0.1, 3, 2, 10),  # k above some focal states' negatives
    ],
)
def test_every_replicate_equals_the_metrics_of_the_resampled_rows(
    seed, n_focal, n_cand, rate, n_clusters, digits, k
):
    focal, s, y, cluster = _world(seed, n_focal, n_cand, rate, n_clusters, digits)
    s[:4] = -np.inf  # unscored candidates tie at the bottom
    draws = draw(focal, cluster[y], replicates=40, seed=seed)
    fast = replicate_metrics(draws, focal, s, y, cluster, ks=(k,))
    weights = np.where(y, 0.5, 1.0)
    fast_w = replicate_metrics(draws, focal, s, y, cluster, weights=weights)
    assert set(fast_w) == {"pooled_auc", "mean_focal_auc"}  # no precision or deciles
    for r in range(draws.replicates):
        for got, want in (
            (fast, _naive(draws, focal, s, y, cluster, r, k)),
            (fast_w, _naive(draws, focal, s, y, cluster, r, k, weights)),
        ):
            for name, value in want.items():
                assert got[name][r] == pytest.approx(value, abs=1e-12, nan_ok=True), (name, r)


def test_the_top_decile_past_the_first_rows_is_found():
    """One focal state holds every high score: when it is not drawn, the top decile lies
    beyond the rows searched first (the fallback to all rows)."""
    focal = np.repeat(["A", "B"], 30)
    s = np.concatenate([np.linspace(10, 20, 30), np.linspace(0, 9, 30)]).round(0)
    y = np.zeros(60, dtype=bool)
    y[[2, 5, 31, 40, 50]] = True
    cluster = np.full(60, np.nan)
    cluster[[2, 5, 31, 40, 50]] = [0, 1, 1, 2, 3]
    draws = draw(focal, cluster[y], replicates=50, seed=2)
    assert (draws.n[:, 0] == 0).any()
    fast = replicate_metrics(draws, focal, s, y, cluster, ks=(4,))
    for r in range(50):
        want = _naive(draws, focal, s, y, cluster, r, 4)["top_decile_rate"]
        assert fast["top_decile_rate"][r] == pytest.approx(want, nan_ok=True)


def test_one_replicate_by_hand():
    # focal A: 3 (positive, cluster 0), 2, 1 (positive, cluster 1); focal B: 3, 2 (positive,
    # cluster 0), 1. Replicate: both focal states once, cluster 0 twice, cluster 1 never.
    focal = np.array(["A", "A", "A", "B", "B", "B"])
    s = np.array([3.0, 2, 1, 3, 2, 1])
    y = np.array([1, 0, 1, 0, 1, 0], dtype=bool)
    cluster = np.array([0, np.nan, 1, np.nan, 0, np.nan])
    draws = Draws(
        np.array(["A", "B"]), np.array([0.0, 1.0]), np.array([[1, 1]]), np.array([[2, 0]]), 1, 0
    )
    got = replicate_metrics(draws, focal, s, y, cluster, ks=(1,))
    # pooled: A's 3 (x2) beats 2 and 1 and ties B's 3: 2.5 each; B's 2 (x2) beats 1 and ties
    # A's 2: 1.5 each -> (5 + 3) / (4 positives x 3 negatives)
    assert got["pooled_auc"][0] == pytest.approx(8 / 12)
    # per focal: A 1 (3 beats 2), B 0.5 (2 between 3 and 1) -> 0.75
    assert got["mean_focal_auc"][0] == pytest.approx(0.75)
    # best of A is the positive 3, best of B the negative 3 -> (1 + 0) / 2
    assert got["precision_at_1"][0] == pytest.approx(0.5)
    # seven rows; midranks: 3s (A x2, B) 6, 2s (A neg, B x2) 3, 1 (B) 1: the 3s alone reach
    # the top decile (ceil(10 * 6 / 7) = 9 < 10): it is empty
    assert np.isnan(got["top_decile_rate"][0])


def test_equal_clusters_and_focal_states_give_a_zero_width_interval():
    # every focal state has the same scores and labels, every cluster the same scores:
    # any resample has the same metrics
    focal = np.repeat(["A", "B", "C"], 4)
    s = np.tile([4.0, 3, 2, 1], 3)
    y = np.tile([True, False, True, False], 3)
    cluster = np.where(y, np.repeat([0.0, 1.0, 2.0], 4), np.nan)
    draws = draw(focal, cluster[y], replicates=200, seed=1)
    values = replicate_metrics(draws, focal, s, y, cluster, ks=(1,))
    point = metrics.roc_auc(s, y)  # positives at 4 beat both negatives, at 2 beat one: 3/4
    assert point == 0.75
    assert percentile_interval(values["pooled_auc"]) == pytest.approx((0.75, 0.75))
    assert percentile_interval(values["mean_focal_auc"]) == pytest.approx((0.75, 0.75))
    assert percentile_interval(values["precision_at_1"]) == pytest.approx((1.0, 1.0))


def test_the_same_seed_and_count_give_the_same_draws():
    focal, s, y, cluster = _world(4, 6, 10, 0.3, 5, 1)
    a = draw(focal, cluster[y], replicates=30, seed=7)
    b = draw(focal, cluster[y], replicates=30, seed=7)
    c = draw(focal, cluster[y], replicates=30, seed=8)
    assert np.array_equal(a.n, b.n) and np.array_equal(a.m, b.m)
    assert not (np.array_equal(a.n, c.n) and np.array_equal(a.m, c.m))
    first = replicate_metrics(a, focal, s, y, cluster)
    again = replicate_metrics(b, focal, s, y, cluster)
    for name in first:
        assert np.array_equal(first[name], again[name], equal_nan=True)
    # each replicate draws as many units as there are: F focal states, K clusters
    assert (a.n.sum(axis=1) == a.focal_names.size).all()
    assert (a.m.sum(axis=1) == a.cluster_names.size).all()


def test_percentile_interval_by_hand():
    # 101 values 0..100: the 2.5% and 97.5% quantiles (linear interpolation)
    assert percentile_interval(np.arange(101.0)) == pytest.approx((2.5, 97.5))
    assert percentile_interval([np.nan, 1.0, 1.0]) == (1.0, 1.0)  # NaN replicates left out
    assert all(np.isnan(percentile_interval([np.nan])))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"replicates": 0}, "replicates: expected at least 1, found 0"),
        ({"replicates": True}, "replicates: expected a whole number"),
        ({"replicates": 10, "seed": -1}, "seed: expected a whole number >= 0"),
    ],
)
def test_bad_bootstrap_parameters_are_refused(kwargs, message):
    with pytest.raises(AllianceScoreError, match=message):
        draw(["A"], [0.0], **kwargs)


# ------------------------------------------------------------------------------- logit
# Dalal, Fowlkes & Hoadley (1989), "Risk analysis of the space shuttle: pre-Challenger
# prediction of failure", JASA 84(408) 945-957, Table 1: launch temperature (F) and whether
# any O-ring was damaged, 23 flights (also Agresti 1996, *An Introduction to Categorical Data
# Analysis*, Table 5.10). The maximum-likelihood fit printed for these data (e.g. R's glm on
# alr4's Challeng): intercept 15.0429 (s.e. 7.3786), temperature -0.2322 (s.e. 0.1082).
CHALLENGER_TEMP = [53, 57, 58, 63, 66, 67, 67, 67, 68, 69, 70, 70, 70, 70, 72, 73, 75, 75, 76,
                   76, 78, 79, 81]  # fmt: skip
CHALLENGER_DAMAGE = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]


def test_logit_reproduces_the_printed_challenger_fit():
    t = np.asarray(CHALLENGER_TEMP, dtype=float)
    fit = fit_logit(np.column_stack([np.ones_like(t), t]), CHALLENGER_DAMAGE)
    assert fit.coef == pytest.approx([15.0429, -0.2322], abs=5e-5)
    assert fit.std_err == pytest.approx([7.3786, 0.1082], abs=5e-5)
    assert (fit.n, fit.positives) == (23, 7)
    # deviances printed with that fit: null 28.267, residual 20.315
    assert -2 * fit.null_log_likelihood == pytest.approx(28.267, abs=1e-3)
    assert -2 * fit.log_likelihood == pytest.approx(20.315, abs=1e-3)


def test_logit_matches_a_general_optimiser_on_the_same_likelihood():
    rng = np.random.default_rng(11)
    x = np.column_stack([np.ones(400), rng.normal(size=(400, 3))])
    y = rng.random(400) < 1 / (1 + np.exp(-(x @ [-1.0, 0.8, -0.5, 0.0])))
    fit = fit_logit(x, y)
    best = minimize(
        lambda b: -log_likelihood(b, x, y),
        np.zeros(4),
        jac=lambda b: -(x.T @ (y - 1 / (1 + np.exp(-(x @ b))))),
        method="BFGS",
        options={"gtol": 1e-10},
    )
    assert fit.coef == pytest.approx(best.x, abs=1e-5)
    assert fit.log_likelihood == pytest.approx(-best.fun, abs=1e-8)


def test_logit_refuses_separated_and_rank_deficient_designs():
    x = np.column_stack([np.ones(6), [1.0, 2, 3, 4, 5, 6]])
    with pytest.raises(AllianceScoreError, match=r"convergence .* separate the outcomes"):
        fit_logit(x, [0, 0, 0, 1, 1, 1])  # x > 3.5 separates the outcomes
    with pytest.raises(AllianceScoreError, match="linearly independent columns"):
        fit_logit(np.column_stack([x, 2 * x[:, 1]]), [0, 1, 0, 1, 1, 0])


# ------------------------------------------------------------------------- same region
def test_same_region_on_hand_picked_pairs():
    data = load()
    # data/files/reference/nations.csv (UN M49 regions via countrycode): USA, CAN, BRA
    # Americas; DEU, POL, GRC, RUS Europe; EGY Africa; SAU, TUR, JPN Asia; AUS, FJI Oceania
    pairs = [
        ("USA", "BRA", 1.0),  # Northern America and Latin America: one region
        ("USA", "CAN", 1.0),
        ("DEU", "POL", 1.0),  # Western and Eastern Europe: one region
        ("AUS", "FJI", 1.0),
        ("EGY", "SAU", 0.0),  # the Arab League straddles Africa and Asia
        ("GRC", "TUR", 0.0),  # NATO allies in Europe and (Western) Asia
        ("RUS", "JPN", 0.0),
    ]
    focal, candidates, expected = zip(*pairs, strict=True)
    assert same_region(data, focal, candidates).tolist() == list(expected)
    # symmetric
    assert same_region(data, candidates, focal).tolist() == list(expected)


# ------------------------------------------------------------------- design discipline
def test_windows_carry_their_role_in_the_design():
    assert DESIGN_WINDOWS == ((1990, 10),)
    assert HELD_OUT_WINDOWS == ((2000, 10), (2008, 10))
    assert window_role(1990, 10) == "design"
    assert window_role(2000, 10) == window_role(2008, 10) == "held out"
    assert window_role(1995, 10) == window_role(1990, 5) == "not designated"


def test_the_shipped_figures_say_which_windows_informed_the_design():
    roles = {}
    for path in sorted(backtest_results().glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        window = doc["window"]
        roles[(window["year"], window["horizon"])] = window["role"]
        assert "role of this window: " + window["role"] in doc["rules"]["design"]
        assert doc["bootstrap"] == {"replicates": 1000, "seed": 14, "level": 0.95}
        assert window["literature_fit"] == "out of sample"
        model = next(m for m in doc["metrics"] if (m["scorer"], m["variant"]) == ("model", "all"))
        for name in ("pooled_auc", "mean_focal_auc", "precision_at_10", "top_decile_rate"):
            assert model[f"{name}_lo"] <= model[f"{name}_hi"]
        scorers = {m["scorer"] for m in doc["metrics"]}
        assert {"same_region", "literature"} <= scorers
        assert [t["term"] for t in doc["literature_model"]["terms"]] == ["intercept", *COVARIATES]
    assert roles == {(1990, 10): "design", (2000, 10): "held out", (2008, 10): "held out"}


# -------------------------------------------------------------------------- literature
@pytest.fixture(scope="module")
def ds():
    return load()


@pytest.fixture(scope="module")
def fitted(ds):
    return literature_model(ds)


def test_the_literature_fit_never_sees_data_after_1980(ds, fitted):
    assert FIT_YEARS[0] == 1950 and FIT_YEARS[-1] + fitted.horizon == 1980
    cut = KnownAt(ds, 1980)
    # guard: the truncation removes pacts, disputes and covariate years after 1980
    assert cut.frame("atop")["first_year"].max() == 1980 < ds.frame("atop")["first_year"].max()
    assert cut.frame("vdem")["year"].max() == 1980 < ds.frame("vdem")["year"].max()
    # the last fitting window reads pacts formed up to 1980 (so the cut is at the edge)
    assert new_defence_pacts(ds, 1970, 10, ds.states(1970))["onset"].max() == 1980
    past = fit_literature_model(cut)
    np.testing.assert_allclose(past.coef, fitted.coef, rtol=1e-12, atol=0)
    assert (past.fit.n, past.fit.positives) == (fitted.fit.n, fitted.fit.positives)


def test_literature_covariates_by_hand_for_canada_and_the_united_states_1960(ds):
    frame = pair_covariates(ds, 1960, ds.states(1960)).set_index(["a", "b"])
    row = frame.loc[("CAN", "USA")]
    # capitals table: Ottawa 45.420878, -75.690111; Washington 38.895037, -77.036543: 734.05 km
    assert row["log_distance"] == pytest.approx(np.log1p(734.0481), abs=1e-5)
    # contiguity: CAN-USA conttype 1 from 1946
    assert (row["land_contiguity"], row["sea_contiguity"]) == (1.0, 0.0)
    # vdem 1960: CAN 0.776, USA 0.649
    assert row["joint_democracy"] == pytest.approx(0.649)
    assert row["regime_similarity"] == pytest.approx(1 - (0.776 - 0.649))
    # nmc 1960 cinc (COW NMC 7.0 rows 20/1960 and 2/1960): CAN 0.012444773, USA 0.21544383
    assert row["capability_ratio"] == pytest.approx(np.log(0.21544383 / 0.012444773))
    assert row["major_power"] == 1.0  # the United States


def test_the_literature_model_has_the_literatures_signs(fitted):
    coef = dict(zip(fitted.terms, fitted.coef, strict=True))
    # nearer, more alike, already tied, a major power involved: more likely to ally; states
    # that threaten each other: less likely (Lai & Reiter 2000; Gibler & Wolford 2006)
    assert coef["log_distance"] < 0 and coef["regime_similarity"] > 0
    assert coef["security_partnership"] > 0 and coef["major_power"] > 0
    assert coef["mutual_threat"] < 0
    # per-unit and standardised coefficients describe the same predictor
    table = fitted.table().set_index("term")
    assert table.loc["log_distance", "coef"] * table.loc["log_distance", "sd"] == pytest.approx(
        table.loc["log_distance", "std_coef"]
    )


# -------------------------------------------------------------------------- end to end
@pytest.fixture(scope="module")
def small(ds, fitted):
    return run_backtest(
        1990, 10, focal=["POL", "HUN", "USA", "ARG", "EGY"], data=ds, command=["test"]
    )


def test_a_run_reports_intervals_comparisons_and_the_new_baselines(small, fitted):
    m = small.metrics
    for scorer in ("model", "distance", "same_region", "literature"):
        row = m.loc[(scorer, "all")]
        for name in ("pooled_auc", "mean_focal_auc", "precision_at_10", "top_decile_rate"):
            assert np.isfinite(row[f"{name}_lo"]) and row[f"{name}_lo"] <= row[f"{name}_hi"]
    # the random scorer ties everything: every replicate is exactly 0.5
    assert m.loc[("random", "all"), ["pooled_auc_lo", "pooled_auc_hi"]].tolist() == [0.5, 0.5]
    # the top-decile rate is the decile table's
    d = small.deciles
    top = d[(d["scorer"] == "model") & (d["variant"] == "all") & (d["decile"] == 10)]
    assert m.loc[("model", "all"), "top_decile_rate"] == pytest.approx(top["rate"].iloc[0])
    # both rows of a pair get the pair's literature score
    pairs = small.pairs.set_index(["focal", "candidate"])["literature"]
    assert pairs[("POL", "USA")] == pairs[("USA", "POL")]
    c = small.comparisons.set_index(["baseline", "variant", "metric"])
    diff = c.loc[("distance", "all", "pooled_auc")]
    assert diff["difference"] == pytest.approx(
        m.loc[("model", "all"), "pooled_auc"] - m.loc[("distance", "all"), "pooled_auc"]
    )
    assert diff["lo"] <= diff["hi"] and 0 <= diff["share_higher"] <= 1
    assert small.literature is fitted and small.role == "design"
    assert small.record["seed"] == bootstrap.SEED and small.record["replicates"] == 1000
    text = backtest_table(small)
    assert "role of this window: design" in text and "Literature baseline" in text
    document = json.loads(backtest_json(small))
    coefs = {t["term"]: t["coef"] for t in document["literature_model"]["terms"]}
    assert coefs["log_distance"] == pytest.approx(fitted.coef[1], abs=1e-6)


def test_the_same_seed_gives_the_same_intervals(ds, small):
    again = run_backtest(
        1990, 10, focal=["POL", "HUN", "USA", "ARG", "EGY"], data=ds, command=["test"]
    )
    columns = [c for c in small.metrics.columns if c.endswith(("_lo", "_hi"))]
    assert small.metrics[columns].equals(again.metrics[columns])
    none = run_backtest(
        1990, 10, focal=["POL"], data=ds, command=["test"], replicates=0, literature=False
    )
    assert none.metrics["pooled_auc_lo"].isna().all() and none.comparisons.empty
    assert "literature" not in none.scorers and none.record["seed"] is None


# ------------------------------------------------------------------------------ README
README_SCORERS = {
    "model": "model",
    "distance only": "distance",
    "same UN region only": "same_region",
    "literature (logistic, fitted 1950-1980)": "literature",
    "UN voting distance only": "un_voting",
}


def test_the_readme_backtest_table_is_the_shipped_figures():
    """The README's table quotes the shipped JSON (regenerate both together)."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Backtest") : readme.index("## Benchmarks")]
    docs = {}
    for path in backtest_results().glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        docs[doc["window"]["year"]] = {
            m["scorer"]: m for m in doc["metrics"] if m["variant"] == "all"
        }
    year, checked = None, 0
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 7 or cells[1] not in README_SCORERS:
            continue
        year = int(cells[0].split()[0]) if cells[0] else year
        m = docs[year][README_SCORERS[cells[1]]]
        quoted = f"{m['pooled_auc']:.3f} ({m['pooled_auc_lo']:.3f}-{m['pooled_auc_hi']:.3f})"
        assert cells[2] == quoted, (year, cells[1])
        checked += 1
    assert checked == 15  # five scorers in three windows
