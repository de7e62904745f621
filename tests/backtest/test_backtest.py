"""The backtest end to end: a tiny hand-built data set whose metrics were worked out by hand,
the outcome, cluster and threat rules, no leakage of data after the reference year, the
backtest's scores against the analyst path, a real-data smoke test and the command line.

Metrics themselves are tested in ``test_backtest_metrics.py``.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from alliancescore.analysis.matrix import build_matrix
from alliancescore.analysis.scoring import DEFAULT_CRITERIA
from alliancescore.backtest import (
    check_window,
    derive_threats,
    new_defence_pacts,
    run_backtest,
    score_panel,
)
from alliancescore.backtest.panel import model_weights
from alliancescore.backtest.report import backtest_csv, backtest_json, backtest_table, thin_curve
from alliancescore.cli import main
from alliancescore.cli.parser import build_parser
from alliancescore.data import TABLES, Dataset, load
from alliancescore.data.overrides import Overrides
from alliancescore.errors import AllianceScoreError
from alliancescore.model.criteria import load_criteria
from alliancescore.model.profile import CandidateSpec, Profile
from alliancescore.model.profile import Threat as ProfileThreat
from known_at import KnownAt

_DTYPES = {"iso3": object, "str": object, "date": object, "int": "Int64", "float": "float64"}


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A table as the loader returns it: every column of the spec, the loader's dtypes."""
    spec = TABLES[table]
    frame = pd.DataFrame(rows, columns=list(spec.column_names))
    return frame.astype({c.name: _DTYPES[c.kind] for c in spec.columns})


class _Synthetic(Dataset):
    """The real crosswalk (so codes are known) with hand-built tables; others empty."""

    def __init__(self, tables: dict[str, list[dict]]):
        super().__init__(load().root)
        self._tables = {name: _frame(name, rows) for name, rows in tables.items()}

    def frame(self, table: str) -> pd.DataFrame:
        if table not in self._tables:
            self._tables[table] = _frame(table, [])
        return self._tables[table]


# ----------------------------------------------------------------------------- tiny world
# Five states with capitals on the equator, so the distance between two capitals is
# proportional to the difference of their longitudes.
LON = {"FRA": 0.0, "DEU": 10.0, "POL": 20.0, "ESP": 40.0, "JPN": 80.0}
YEAR, HORIZON = 2000, 10


def _atop(a, b, first, last, **kinds):
    row = {"iso_a": a, "iso_b": b, "first_year": first, "last_year": last}
    row.update({k: kinds.get(k, 0) for k in ("defense", "offense", "neutral", "nonagg", "consul")})
    return row


TINY = {
    "states": [
        {"iso3": s, "system": "cow", "code": i, "start": "1946-01-01", "end": None}
        for i, s in enumerate(LON, start=1)
    ],
    "capitals": [
        {"iso3": s, "capital": s, "start": "1946-01-01", "end": None, "lat": 0.0, "lng": lon}
        for s, lon in LON.items()
    ],
    "atop": [
        _atop("DEU", "FRA", 1990, 2018, defense=1),  # allied at Y: left out
        _atop("FRA", "DEU", 1990, 2018, defense=1),
        _atop("POL", "DEU", 2004, 2018, defense=1),  # one direction is enough: new in 2004
        _atop("ESP", "FRA", 2007, 2018, defense=1),  # a triangle of new pacts in 2007
        _atop("FRA", "ESP", 2007, 2018, defense=1),
        _atop("ESP", "JPN", 2007, 2018, defense=1),
        _atop("JPN", "ESP", 2007, 2018, defense=1),
        _atop("FRA", "JPN", 2007, 2018, defense=1),
        _atop("JPN", "FRA", 2007, 2018, defense=1),
        _atop("POL", "JPN", 2012, 2018, defense=1),  # after the window: not a positive
        _atop("DEU", "ESP", 2005, 2018, consul=1),  # consultation only: not a positive
    ],
    "unga": [
        {"iso3": s, "year": YEAR, "idealpointfp": x, "idealpointall": x, "nvotesfp": 50}
        for s, x in {"FRA": 1.0, "DEU": 0.5, "POL": 0.0, "ESP": 1.5}.items()  # JPN: none
    ],
    "rivalry_tss": [
        {"rivalry_id": 1, "rivalry": "D-P", "iso_a": "DEU", "iso_b": "POL", "first_year": 1990,
         "last_year": None},
        {"rivalry_id": 2, "rivalry": "E-P", "iso_a": "ESP", "iso_b": "POL", "first_year": 2005,
         "last_year": None},  # begins after Y
    ],
    "mid_cow": [
        {"dispnum": 1, "iso_a": "FRA", "iso_b": "JPN", "year": 1995, "hostlev": 3, "onset": 1},
        {"dispnum": 2, "iso_a": "DEU", "iso_b": "POL", "year": 1996, "hostlev": 2, "onset": 1},
        {"dispnum": 3, "iso_a": "ESP", "iso_b": "JPN", "year": 1990, "hostlev": 2, "onset": 1},
        {"dispnum": 4, "iso_a": "ESP", "iso_b": "FRA", "year": 2003, "hostlev": 2, "onset": 1},
    ],
}  # fmt: skip

TINY_CRITERIA = """
[model]
id = "tiny"
label = "Proximity only"
rationale = "A one-indicator model whose scores can be worked out by hand."

[[criteria]]
id = "near"
label = "Near"
weight = 1
rationale = "test"

  [[criteria.indicators]]
  id = "proximity"
  label = "Distance between capitals"
  measure = "distance_to_focal"
  direction = "cost"
  weight = 1
  rationale = "test"
"""


@pytest.fixture(scope="module")
def tiny():
    return _Synthetic(TINY)


@pytest.fixture(scope="module")
def tiny_result(tiny, tmp_path_factory):
    path = tmp_path_factory.mktemp("criteria") / "tiny.toml"
    path.write_text(TINY_CRITERIA)
    return run_backtest(
        YEAR, HORIZON, criteria=path, data=tiny, ks=(1, 2), command=["test"], literature=False
    )


def test_tiny_outcomes_follow_the_stated_rule(tiny_result):
    out = tiny_result.outcomes
    assert list(zip(out["a"], out["b"], out["onset"], strict=True)) == [
        ("DEU", "POL", 2004),
        ("ESP", "FRA", 2007),
        ("ESP", "JPN", 2007),
        ("FRA", "JPN", 2007),
    ]
    assert out["multilateral"].tolist() == [False, True, True, True]
    assert out["cluster_states"].tolist() == [2, 3, 3, 3]
    clusters = tiny_result.clusters
    assert clusters["states"].tolist() == [2, 3] and clusters["pairs"].tolist() == [1, 3]
    # DEU-FRA allied at Y: both directed rows left out; 20 - 2 rows evaluated, 8 positive
    assert tiny_result.counts["pairs_evaluated"] == 18
    assert tiny_result.counts["pairs_allied_at_year"] == 2
    assert tiny_result.counts["positive_rows"] == 8
    assert tiny_result.counts["positive_rows_multilateral"] == 6


def test_tiny_model_scores_are_the_value_function_by_hand(tiny_result):
    # value = (max d - d) / (max d - min d) over each focal's four candidates
    pairs = tiny_result.pairs.set_index(["focal", "candidate"])["model"]
    expected = {
        ("DEU", "ESP"): 2 / 3, ("DEU", "JPN"): 0.0, ("DEU", "POL"): 1.0,
        ("ESP", "DEU"): 0.5, ("ESP", "FRA"): 0.0, ("ESP", "JPN"): 0.0, ("ESP", "POL"): 1.0,
        ("FRA", "ESP"): 4 / 7, ("FRA", "JPN"): 0.0, ("FRA", "POL"): 6 / 7,
        ("JPN", "DEU"): 0.25, ("JPN", "ESP"): 1.0, ("JPN", "FRA"): 0.0, ("JPN", "POL"): 0.5,
        ("POL", "DEU"): 1.0, ("POL", "ESP"): 0.8, ("POL", "FRA"): 0.8, ("POL", "JPN"): 0.0,
    }  # fmt: skip
    assert set(pairs.index) == set(expected)
    for key, value in expected.items():
        assert pairs[key] == pytest.approx(value, abs=1e-12), key


def test_tiny_metrics_match_the_hand_computation(tiny_result):
    m = tiny_result.metrics
    model = m.loc[("model", "all")]
    # positives at 1 (x3) beat 9 negatives and tie one: 9.5 each; at 0 (x4) tie two: 1 each;
    # at 4/7 beat five: (28.5 + 4 + 5) / (8 * 10)
    assert model["pooled_auc"] == pytest.approx(37.5 / 80)
    # per focal: DEU 1, ESP 0, FRA 0, JPN 0.5, POL 1
    assert model["mean_focal_auc"] == pytest.approx(0.5)
    assert model["focal_with_positive"] == 5
    assert model["precision_at_1"] == pytest.approx(3 / 5)
    assert model["precision_at_2"] == pytest.approx(0.4)
    assert model["base_rate"] == pytest.approx(8 / 18)
    fa = tiny_result.focal_auc["model"]
    assert fa.to_dict() == pytest.approx({"DEU": 1, "ESP": 0, "FRA": 0, "JPN": 0.5, "POL": 1})
    # only the bilateral DEU-POL pact: both rows at 1 beat 9 negatives and tie one
    bil = m.loc[("model", "no_multilateral")]
    assert bil["pooled_auc"] == pytest.approx(0.95)
    assert bil["mean_focal_auc"] == 1.0 and bil["focal_with_positive"] == 2
    assert bil["precision_at_1"] == 1.0 and bil["precision_at_2"] == pytest.approx(0.5)
    # clusters weighted as one: (9.5 + (9.5 + 5 + 4) / 6) / (2 * 10)
    cw = m.loc[("model", "cluster_weighted")]
    assert cw["pooled_auc"] == pytest.approx(151 / 240)
    assert np.isnan(cw["precision_at_1"])


def test_tiny_baselines_match_the_hand_computation(tiny_result):
    m = tiny_result.metrics
    # distance: positives at 10 degrees beat all 10 negatives, at 40 beat 4, at 80 none
    assert m.loc[("distance", "all"), "pooled_auc"] == pytest.approx(36 / 80)
    # UN voting: JPN has no ideal point (-inf, last). The four positives at -0.5 beat all ten
    # negatives (six at -1 or -1.5, four at -inf): 10 each; the four positives at -inf tie
    # the four negatives at -inf: 2 each -> (40 + 8) / 80
    assert m.loc[("un_voting", "all"), "pooled_auc"] == pytest.approx(48 / 80)
    random = m.loc[("random", "all")]
    assert random["pooled_auc"] == 0.5 and random["mean_focal_auc"] == 0.5
    # random precision at 1 = each focal's base rate: DEU 1/3, ESP 2/4, FRA 2/3, JPN 2/4,
    # POL 1/4
    assert random["precision_at_1"] == pytest.approx((1 / 3 + 1 / 2 + 2 / 3 + 1 / 2 + 1 / 4) / 5)
    # the one-criterion model's criterion part is the model
    assert m.loc[("criterion:near", "all"), "pooled_auc"] == pytest.approx(37.5 / 80)


def test_tiny_cluster_aucs_and_report_tables(tiny_result):
    clusters = tiny_result.clusters
    # DEU-POL rows (both at 1) against the 10 negatives: 9.5/10 each
    assert clusters.loc[0, "auc:model"] == pytest.approx(0.95)
    # triangle: 9.5 + 5 + 4 * 1 over 6 * 10
    assert clusters.loc[1, "auc:model"] == pytest.approx(18.5 / 60)
    deciles = tiny_result.deciles
    model = deciles[(deciles["scorer"] == "model") & (deciles["variant"] == "all")]
    assert model["n"].sum() == 18 and model["positives"].sum() == 8
    roc = tiny_result.roc
    curve = roc[(roc["scorer"] == "model") & (roc["variant"] == "all")]
    assert np.trapezoid(curve["tpr"], curve["fpr"]) == pytest.approx(37.5 / 80)
    text = backtest_table(tiny_result)
    assert "new defence pacts 2001-2010" in text and "proximity" in text
    table = text.split("New-pact rate by score decile")[1].splitlines()
    assert table[1].split()[:2] == ["decile", "model"]  # one header line, deciles inline
    assert table[2].split()[0] == "10" and "NaN" not in text and "nan" not in text
    empty = model["n"].eq(0).any()  # the tiny scores tie, so some deciles hold no pair
    assert empty and " - " in "\n".join(table[2:12]) and "(-: no pair in that decile" in text
    document = json.loads(backtest_json(tiny_result))
    assert document["window"] == {
        "year": 2000,
        "horizon": 10,
        "labels": [2001, 2010],
        "role": "held out",  # 2000 -> 2001-2010 is a held-out window
        "literature_fit": None,  # run without the literature baseline
    }
    assert document["roc"]["model"]["all"]["threshold"][0] is None  # +inf written as null
    assert "pooled_auc" in backtest_csv(tiny_result).splitlines()[0]


def test_a_cluster_without_a_focal_state_evaluated_shows_no_auc(tiny, tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY_CRITERIA)
    result = run_backtest(
        YEAR, HORIZON, criteria=path, data=tiny, focal=["DEU", "POL"], ks=(1, 2),
        command=["test"], literature=False,
    )  # fmt: skip
    # DEU-POL (cluster 0) has its two rows; ESP, FRA and JPN (cluster 1) are not focal here
    assert result.clusters["positive_rows"].tolist() == [2, 0]
    assert np.isnan(result.clusters.loc[1, "auc:model"])
    text = backtest_table(result)
    rows = text.split("Clusters of new pacts")[1].splitlines()
    # one header line (pandas' separate index-name line is gone)
    assert rows[1].split()[:6] == ["cluster", "onset", "states", "pairs", "rows", "multilateral"]
    assert rows[3].split()[:6] == ["1", "2007", "3", "3", "0", "True"]
    assert rows[3].split()[6] == "-"  # no AUC, not NaN
    assert rows[3].split()[-3:] == ["ESP", "FRA", "JPN"]
    assert rows[4] == (
        "  (1 cluster(s) with no row: none of their pairs has a focal state evaluated here, "
        "so no AUC)"
    )


@pytest.mark.parametrize(
    ("horizon", "focal", "why"),
    [
        (5, ["ESP"], "the one new defence pact of 2001-2005 does not involve the focal state ESP"),
        (3, ["DEU", "POL"], "no new defence pact was formed in 2001-2003"),
    ],
)
def test_a_window_without_positive_rows_says_why_every_metric_is_empty(
    tiny, tmp_path, horizon, focal, why
):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY_CRITERIA)
    result = run_backtest(
        YEAR, horizon, criteria=path, data=tiny, focal=focal, ks=(1, 2), command=["test"],
        literature=False,
    )  # fmt: skip
    assert result.counts["positive_rows"] == 0
    text = backtest_table(result)
    metrics = text.split("Metrics over all pairs")[1].splitlines()
    assert metrics[1].startswith(f"No positive rows: {why}, so AUC, focal AUC and P@k are ")
    assert text.count("No positive rows") == 1
    assert "+nan" not in text  # no comparison of undefined metrics with the baselines


def test_tiny_threats_follow_the_stated_rule(tiny):
    states = tiny.states(YEAR)
    threats, table = derive_threats(tiny, YEAR, states, states)
    found = {f: [(t.actor, t.severity) for t in ts] for f, ts in threats.items()}
    # DEU-POL: rivals since 1990 and a dispute in 1996; FRA-JPN: a dispute in 1995; the
    # ESP-JPN dispute (1990) is outside 1991-2000; ESP-FRA (2003) and the ESP-POL rivalry
    # (2005) are after Y
    assert found == {
        "DEU": [("POL", 1.0)],
        "ESP": [],
        "FRA": [("JPN", 0.5)],
        "JPN": [("FRA", 0.5)],
        "POL": [("DEU", 1.0)],
    }
    assert table.set_index(["focal", "actor"]).loc[("DEU", "POL"), "basis"] == "rival; dispute"


def test_outcome_rule_edge_cases():
    data = _Synthetic(
        {
            "states": [
                {"iso3": s, "system": "cow", "code": i, "start": start, "end": None}
                for i, (s, start) in enumerate(
                    [
                        ("USA", "1946-01-01"),
                        ("CAN", "1946-01-01"),
                        ("MEX", "1946-01-01"),
                        ("BLZ", "1946-01-01"),
                        ("GUY", "1946-01-01"),
                        ("SVN", "1992-01-01"),
                    ],
                    start=1,
                )
            ],
            "atop": [
                _atop("USA", "CAN", 1980, 1985, defense=1),  # lapsed before Y ...
                _atop("USA", "CAN", 1993, 2000, defense=1),  # ... and renewed: new, 1993
                _atop("USA", "MEX", 1985, 1990, defense=1),  # lapsed before Y, not renewed
                _atop("BLZ", "USA", 1991, 2000, defense=1),  # an accession: a star of
                _atop("BLZ", "MEX", 1991, 2000, defense=1),  # new pairs around BLZ ...
                _atop("CAN", "MEX", 1960, 2000, defense=1),  # ... whose others are allied
                _atop("GUY", "USA", 1990, 2000, defense=1),  # allied at Y: left out
                _atop("SVN", "USA", 1994, 2000, defense=1),  # SVN not a state at Y
            ],
        }
    )
    out = new_defence_pacts(data, 1990, 5, data.states(1990))
    assert list(zip(out["a"], out["b"], out["onset"], strict=True)) == [
        ("BLZ", "MEX", 1991),
        ("BLZ", "USA", 1991),
        ("CAN", "USA", 1993),
    ]
    # BLZ-MEX and BLZ-USA share BLZ and an onset year: one cluster of three states
    assert out["cluster"].tolist() == [0, 0, 1]
    assert out["multilateral"].tolist() == [True, True, False]


@pytest.mark.parametrize(
    ("year", "horizon", "message"),
    [
        (2010, 10, "a window ending by 2018"),
        (1940, 5, "1946 or later"),
        (2000, 0, "at least 1 year"),
        (2000.0, 5, "--year: expected a whole number"),
    ],
)
def test_windows_outside_atop_are_refused(year, horizon, message):
    with pytest.raises(AllianceScoreError, match=message):
        check_window(year, horizon)


# ----------------------------------------------------------------------------- no leakage
@pytest.fixture(scope="module")
def ds():
    return load()


@pytest.fixture(scope="module")
def default_model():
    return load_criteria(DEFAULT_CRITERIA)


# focal states with rivals, recent disputes and threat actors lacking UN ideal points
LEAK_FOCAL = {1995: ["KOR", "GRC", "IND", "USA"], 2008: ["GEO", "JPN", "POL", "ISR"]}


@pytest.mark.parametrize("year", sorted(LEAK_FOCAL))
def test_information_after_the_year_reaches_neither_threats_nor_scores(ds, default_model, year):
    cut = KnownAt(ds, year)
    focal = LEAK_FOCAL[year]
    states = ds.states(year)
    assert cut.states(year) == states
    threats, table = derive_threats(ds, year, focal, states)
    threats_cut, table_cut = derive_threats(cut, year, focal, states)
    assert threats == threats_cut
    pd.testing.assert_frame_equal(table, table_cut)
    assert sum(len(t) for t in threats.values()) > 0
    full = score_panel(ds, year, focal, states, default_model, threats, methods=("vikor",))
    past = score_panel(cut, year, focal, states, default_model, threats, methods=("vikor",))
    pd.testing.assert_frame_equal(full.scores, past.scores)
    pd.testing.assert_frame_equal(full.raw, past.raw)
    pd.testing.assert_frame_equal(full.sources, past.sources)
    assert dict(full.notes) == dict(past.notes)


def test_the_truncated_data_really_lack_what_the_labels_use(ds):
    """Guard for the test above: truncation removes the later pacts and tables."""
    cut = KnownAt(ds, 1995)
    states = ds.states(1995)
    assert len(new_defence_pacts(ds, 1995, 5, states)) > 0
    assert len(new_defence_pacts(cut, 1995, 5, states)) == 0
    assert cut.frame("mid_cow")["year"].max() == 1995
    assert cut.frame("rivalry_tss")["first_year"].max() <= 1995
    assert cut.frame("unga")["year"].max() == 1995 < ds.frame("unga")["year"].max()


def test_the_panel_equals_the_analyst_paths_decision_matrix(ds, default_model):
    """Same values as build_matrix for a profile with all other states as candidates."""
    year = 2008
    states = ds.states(year)
    for focal in ("JPN", "GEO"):
        threats, _ = derive_threats(ds, year, [focal], states)
        panel = score_panel(ds, year, [focal], states, default_model, threats)
        profile = Profile(
            id="bt",
            label="backtest",
            focal=focal,
            year=year,
            threats=tuple(ProfileThreat(t.actor, t.severity) for t in threats[focal]),
            weights=_weight_spec(default_model),
            methods={"weighted_sum": {}},
            candidates=CandidateSpec(include=tuple(s for s in states if s != focal)),
            coalitions=(),
            overrides=Overrides(),
        )
        matrix = build_matrix(profile, default_model, ds)
        values = panel.values.loc[focal]
        assert list(values.index) == list(matrix.values.index)
        np.testing.assert_allclose(values.to_numpy(), matrix.values.to_numpy(), atol=1e-12)
        np.testing.assert_allclose(
            panel.raw.loc[focal].to_numpy(), matrix.raw.to_numpy(dtype=float), atol=0
        )
        weights = model_weights(default_model)
        additive = matrix.values[list(weights.leaves)].to_numpy() @ weights.leaf_weights
        np.testing.assert_allclose(panel.scores["model"].to_numpy(), additive, atol=1e-12)


def _weight_spec(model):
    from alliancescore.model.profile import WeightSpec

    return WeightSpec("direct", values={c.id: c.weight for c in model.criteria})


# ----------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def nato_1990(ds):
    return run_backtest(1990, 10, focal=["POL", "HUN", "USA"], data=ds, command=["test"])


def test_real_data_smoke_poland_and_hungary_join_nato(nato_1990):
    r = nato_1990
    assert r.focal == ("POL", "HUN", "USA")
    assert set(r.pairs["focal"]) == {"POL", "HUN", "USA"}
    pacts = r.outcomes.set_index(["a", "b"])
    # ATOP dates the 1999 NATO accession of Poland and Hungary by the 1997 protocols
    assert pacts.loc[("POL", "USA"), "onset"] == 1997
    assert bool(pacts.loc[("POL", "USA"), "multilateral"])
    assert pacts.loc[("HUN", "USA"), "cluster"] == pacts.loc[("POL", "USA"), "cluster"]
    # Poland and Hungary were allied in 1990 (the Warsaw Pact): not a new pact
    assert ("HUN", "POL") not in pacts.index
    # pairs already allied in 1990 are not evaluated (the United States and Britain)
    assert not ((r.pairs["focal"] == "USA") & (r.pairs["candidate"] == "GBR")).any()
    assert r.counts["states"] == 163 and r.counts["focal_states"] == 3
    for scorer in ("model", "random", "distance", "un_voting"):
        assert 0.0 <= r.metrics.loc[(scorer, "all"), "pooled_auc"] <= 1.0
    assert r.metrics.loc[("random", "all"), "pooled_auc"] == 0.5
    assert set(r.indicators.index) == {i.id for i in r.criteria.indicators}
    assert r.indicators.loc["disputes_with_threats", "tables"] == "mid_cow 1946-2014"
    # which data years each indicator used: trailing windows end at Y, nothing later
    assert r.indicators.loc["disputes_with_threats", "years_used"] == "mid_cow 1981-1990 (100%)"
    assert r.indicators.loc["arms_supplier_overlap", "years_used"].startswith(
        "arms_shares 1981-1990"
    )
    # military spending: the latest NMC figure at or before 1990 (a few states' are older)
    used = r.indicators.loc["capability", "years_used"]
    assert used.startswith("nmc 1990 (9")
    assert all(int(y) <= 1990 for y in re.findall(r"nmc (\d{4})", used))


def test_focal_states_must_exist_in_the_year(ds):
    with pytest.raises(AllianceScoreError, match=r"--focal: expected a state existing in 1990"):
        run_backtest(1990, 5, focal=["SVK"], data=ds)
    with pytest.raises(AllianceScoreError, match=r"'JAP'.*Did you mean .*'JPN'"):
        run_backtest(1990, 5, focal=["JAP"], data=ds)


def test_thin_curve_keeps_the_ends_and_at_most_about_n_points():
    fpr = np.linspace(0, 1, 5000)
    tpr = np.sqrt(fpr)
    keep = thin_curve(fpr, tpr, 100)
    assert keep[0] == 0 and keep[-1] == 4999 and len(keep) <= 102
    assert np.array_equal(thin_curve(fpr[:50], tpr[:50], 100), np.arange(50))


@pytest.mark.parametrize(
    "argv",
    [["--focal", "DEU", "--focal", "IDN"], ["--focal", "DEU", "IDN"], ["--focal", "DEU"] * 2],
)
def test_focal_states_given_one_flag_each_or_in_one_list_all_count(argv):
    # argparse's store kept only the last --focal: --focal DEU --focal IDN ran IDN alone
    args = build_parser().parse_args(["backtest", *argv])
    assert args.focal == (["DEU", "DEU"] if argv.count("DEU") == 2 else ["DEU", "IDN"])


def test_cli_backtest_writes_json_and_refuses_bad_windows(tmp_path, capsys):
    out = tmp_path / "bt.json"
    code = main(
        ["backtest", "--year", "1990", "--horizon", "10", "--focal", "POL", "HUN",
         "--format", "json", "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    document = json.loads(out.read_text())
    assert document["focal"] == ["POL", "HUN"]
    assert {"model", "random", "distance", "un_voting"} <= set(document["roc"])
    assert "wrote" in capsys.readouterr().err
    assert main(["backtest", "--year", "2012", "--horizon", "10"]) == 2
    assert "a window ending by 2018" in capsys.readouterr().err
    criteria = tmp_path / "c.toml"
    criteria.write_text(DEFAULT_CRITERIA.read_text())
    code = main(["backtest", "--year", "1990", "--horizon", "2", "--focal", "POL",
                 "--criteria", str(criteria), "--out", str(criteria)])  # fmt: skip
    assert code == 2
    assert "not one of the inputs" in capsys.readouterr().err


def test_a_large_cluster_lists_its_first_members_and_counts_the_rest():
    from alliancescore.backtest.report import MEMBERS_SHOWN, _members_shown

    codes = [f"S{i:02d}" for i in range(MEMBERS_SHOWN + 21)]
    assert _members_shown(" ".join(codes)) == " ".join(codes[:MEMBERS_SHOWN]) + " +21 more"
    assert _members_shown("AGO COD") == "AGO COD"
