"""Contract over every registered measure: shapes, provenance, missing values, vectorisation,
unknown codes, and no leakage of data from after the reference year.

Hand-checked real values are in ``test_measures_values.py``.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from alliancescore.data import TABLES, load
from alliancescore.data.analyst import AnalystTable
from alliancescore.data.overrides import Overrides, TieOverride
from alliancescore.data.schema_reference import REFERENCE
from alliancescore.errors import AllianceScoreError
from alliancescore.measures import AGGREGATIONS, MEASURES, MeasureContext, MeasureResult, Threat
from known_at import KnownAt

ALL = sorted(MEASURES)
THREATS = (Threat("CHN", 1.0), Threat("PRK", 0.8), Threat("RUS", 0.5))
# measures that read the threat actors (or the theatre, which defaults to them)
USES_THREATS = {
    "threat_rivalry",
    "threat_disputes",
    "threat_un_distance",
    "projected_capability",
    "entrapment_risk",
    "threat_alliance_depth",
    "threat_arms_share",
    "threat_cobelligerence",
    "hostility_to_focal",
}


@pytest.fixture(scope="module")
def ds():
    return load()


@pytest.fixture(scope="module")
def states_2018(ds):
    return [s for s in ds.states(2018) if s != "JPN"]


# The analyst's table measure reads a table the analyst brings, not the data set: the
# contract runs it on one covering every nation every fifth year (a few cells empty).
ANALYST = {"table"}
DEFAULTS = {"table": {"table": "contract"}}


@functools.cache
def _contract_table(through: int | None = None) -> AnalystTable:
    codes = sorted(load().crosswalk.iso3_codes)
    rows = [(c, y) for c in codes for y in range(1980, 2025, 5)]
    frame = pd.DataFrame(
        {
            "iso3": [c for c, _ in rows],
            "year": pd.array([y for _, y in rows], dtype="Int64"),
            "score": [np.nan if (i % 17 == 3) else float((i * 7) % 11) for i in range(len(rows))],
        },
        index=pd.Index(range(2, len(rows) + 2), name="row"),
    )
    if through is not None:  # the table as it stood at the end of a year
        frame = frame[frame["year"] <= through]
    return AnalystTable(
        "contract", "contract.csv", "0" * 64, "test", "2024-01-01", ("score",), frame,
        keyed_by_year=True, max_staleness_years=6,
    )  # fmt: skip


def _ctx(ds, year=2018, **kw):
    kw.setdefault("tables", {"contract": _contract_table(kw.pop("through", None))})
    return MeasureContext(ds, kw.pop("focal", "JPN"), year, kw.pop("threats", THREATS), **kw)


def test_the_issue_5_measures_are_registered():
    expected = {
        "threat_rivalry", "threat_disputes", "threat_un_distance", "defence_ties",
        "arms_supplier_overlap", "arms_supply_to_focal", "un_distance_to_focal", "capability",
        "projected_capability", "military_expenditure", "nuclear_status", "nuclear_warheads",
        "contiguity_with_focal", "distance_to_focal", "regime_similarity", "entrapment_risk",
        "conflict_involvement",
    }  # fmt: skip
    assert expected <= set(MEASURES)


@pytest.mark.parametrize("name", ALL)
def test_measure_describes_itself(name):
    m = MEASURES[name]
    assert m.direction in ("benefit", "cost") and m.aggregation in AGGREGATIONS
    assert m.unit and m.description and (m.tables or name in ANALYST)
    assert set(m.tables) <= set(TABLES) | set(REFERENCE)
    doc = m.fn.__doc__ or ""
    for part in ("Formula", "Unit", "Direction", "aggregation", "Tables", "Source"):
        assert part in doc, (name, part)


@pytest.mark.parametrize("name", ALL)
def test_all_states_one_value_each_with_provenance(ds, states_2018, name):
    result = MEASURES[name](_ctx(ds), states_2018, **DEFAULTS.get(name, {}))
    assert isinstance(result, MeasureResult)
    assert list(result.values.index) == states_2018
    assert result.values.dtype == np.float64 and result.stale.dtype == bool
    assert result.note
    assert (result.sources.str.len() > 0).all()
    missing = result.values.isna()
    # a missing value always says why: a stale table or nothing to use
    explained = result.sources.str.contains("none|stale")
    assert explained[missing].all(), result.sources[missing & ~explained].to_dict()
    assert missing[result.stale].all()  # a stale value counts as missing
    assert missing.mean() < 0.5  # and most states have a value in 2018


@pytest.mark.parametrize("name", ALL)
def test_batch_equals_one_by_one_and_order_is_kept(ds, states_2018, name):
    ctx, params = _ctx(ds), DEFAULTS.get(name, {})
    batch = MEASURES[name](ctx, states_2018, **params)
    sample = ["USA", "TWN", "KIR", "PRK", "CHN", "DEU", "SSD", "AUS"]
    for nation in sample:
        one = MEASURES[name](ctx, [nation], **params)
        assert list(one.values.index) == [nation]
        np.testing.assert_equal(one.values[nation], batch.values[nation])
        assert one.sources[nation] == batch.sources[nation]
        assert one.stale[nation] == batch.stale[nation]
    shuffled = ["KIR", "USA", "KIR", "CHN"]  # order kept, repeats allowed
    again = MEASURES[name](ctx, shuffled, **params)
    assert list(again.values.index) == shuffled
    np.testing.assert_array_equal(again.values.to_numpy(), batch.values[shuffled].to_numpy())


@pytest.mark.parametrize("name", ALL)
def test_unknown_candidate_raises_the_data_layers_did_you_mean(ds, name):
    with pytest.raises(AllianceScoreError, match=r"'JAP'.*Did you mean .*'JPN'"):
        MEASURES[name](_ctx(ds), ["USA", "JAP"], **DEFAULTS.get(name, {}))


@pytest.mark.parametrize("name", sorted(USES_THREATS))
def test_unknown_threat_actor_raises(ds, name):
    ctx = _ctx(ds, threats=(Threat("CHN"), Threat("RUSS")))
    with pytest.raises(AllianceScoreError, match=r"'RUSS'.*Did you mean .*'RUS'"):
        MEASURES[name](ctx, ["USA"])


@pytest.mark.parametrize("name", sorted(USES_THREATS - {"entrapment_risk", "hostility_to_focal"}))
def test_no_threat_actors_gives_missing_values_that_say_so(ds, name):
    result = MEASURES[name](_ctx(ds, threats=()), ["USA", "KOR"])
    assert result.values.isna().all()
    assert result.sources.str.contains("none").all()


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("threat_disputes", {"window_years": 0}),
        ("entrapment_risk", {"window_years": 2.5}),
        ("conflict_involvement", {"window_years": -1}),
        ("projected_capability", {"half_distance_km": 0}),
        ("projected_capability", {"half_distance_km": float("nan")}),
        ("threat_rivalry", {"table": "rivalry_tts"}),
        ("entrapment_risk", {"mid_table": "mid_cow5"}),
        ("entrapment_risk", {"include_disputes": "no"}),
        ("conflict_involvement", {"roles": ["primry"]}),
        ("threat_un_distance", {"column": "nvotesfp"}),
        ("threat_un_distance", {"skip_missing_threats": 1}),
        ("un_distance_to_focal", {"column": "idealpoint"}),
    ],
)
def test_bad_parameters_raise_the_project_error(ds, name, params):
    # Checked against the measure's declared parameters before it runs (issue 13).
    key = next(iter(params))
    with pytest.raises(AllianceScoreError, match=f"measure '{name}' parameter '{key}'"):
        MEASURES[name](_ctx(ds), ["USA"], **params)


def test_a_bug_inside_a_measure_stays_a_traceback(ds, monkeypatch):
    # Strict registration: only declared-parameter problems become the analyst's message.
    from alliancescore.analysis import matrix

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug, not an input problem")

    measure = MEASURES["capability"]
    monkeypatch.setattr(type(measure), "__call__", lambda self, *a, **k: broken())
    with pytest.raises(ZeroDivisionError):
        matrix._measure(
            type("Ind", (), {"measure": "capability", "params": {}, "where": "x"})(),
            _ctx(ds),
            ["USA"],
        )


def test_validate_refuses_a_measure_parameter_outside_its_domain(tmp_path, capsys):
    from alliancescore.cli import main
    from alliancescore.shipped import default_criteria

    text = default_criteria().read_text(encoding="utf-8")
    text = text.replace('params = { after_mid = "ucdp" }', "params = { window_years = 0 }", 1)
    assert "window_years = 0" in text
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "params.window_years: expected a whole number of years >= 1, found 0" in err


# ----------------------------------------------------------------------------- no leakage
def _assert_same(a: MeasureResult, b: MeasureResult, name: str) -> None:
    pd.testing.assert_series_equal(a.values, b.values, check_names=False, obj=name)
    pd.testing.assert_series_equal(a.sources, b.sources, check_names=False, obj=name)
    pd.testing.assert_series_equal(a.stale, b.stale, check_names=False, obj=name)
    assert a.note == b.note, name


AUKUS = TieOverride(
    kind="security_partnership",
    parties=("AUS",),
    others=("GBR", "USA"),
    first_year=2021,
    last_year=None,
    source="AUKUS joint leaders statement, 15 September 2021",
)
# a tie override in force in the past year, so overrides are exercised too
JPN_IND = TieOverride(
    kind="security_partnership",
    parties=("JPN",),
    others=("IND",),
    first_year=1990,
    last_year=None,
    source="test override",
)
PARAMS = {
    "threat_rivalry": [{"table": "rivalry_td"}],
    "threat_disputes": [
        {"table": "mid_gml", "window_years": 5},
        {"after_mid": "ucdp", "min_hostility": 4},
    ],
    "entrapment_risk": [
        {"include_disputes": False},
        {"mid_table": "mid_gml"},
        {"mid_table": "mid_gml", "after_mid": "ucdp"},
    ],
    "hostility_to_focal": [
        {"include_events": False},
        {"after_mid": "none", "min_hostility": 2},
        {"mid_table": "mid_gml", "rivalry_table": "rivalry_td"},
    ],
    "threat_cobelligerence": [{"max_side_states": 100, "window_years": 5}],
    "conflict_involvement": [{"types": ["interstate"], "roles": ["primary"]}],
    "projected_capability": [{"half_distance_km": 1000.0}],
}
CASES = [(n, DEFAULTS.get(n, {})) for n in ALL] + [
    (n, p) for n, ps in sorted(PARAMS.items()) for p in ps
]


@pytest.fixture(scope="module")
def known_at(ds):
    return {year: KnownAt(ds, year) for year in (1995, 2010)}


@pytest.mark.parametrize("year", [1995, 2010])
@pytest.mark.parametrize(("name", "params"), CASES)
def test_no_data_after_the_reference_year_is_used(ds, known_at, year, name, params):
    """Same values and provenance on the data set truncated at ``year`` as on the full one."""
    candidates = [s for s in ds.states(year) if s != "KOR"]
    kw = {"focal": "KOR", "overrides": Overrides(ties=(AUKUS, JPN_IND))}
    full = MEASURES[name](_ctx(ds, year, **kw), candidates, **params)
    # the analyst's table as it stood at the end of the year, too
    past = MEASURES[name](_ctx(known_at[year], year, through=year, **kw), candidates, **params)
    _assert_same(full, past, name)


def test_the_truncated_data_set_really_lacks_later_rows(ds, known_at):
    """Guard for the test above: the truncation removes what a leaky measure would read."""
    cut = known_at[1995]
    assert cut.frame("nmc")["year"].max() == 1995 < ds.frame("nmc")["year"].max()
    assert cut.frame("arms_shares")["end_year"].max() == 1995
    # the Russia-United States rivalry began in 2007; the China-US one (1949-1972) had ended
    assert "RUS" not in cut.rivals("USA", 1995)
    assert cut.frame("rivalry_tss")["first_year"].max() <= 1995
    assert cut.value("nmc", "cinc", "USA", 2018).year_used == 1995
