"""Backtest figures read back (:mod:`alliancescore.backtest.figures`): what the writer
(:func:`~alliancescore.backtest.report.backtest_json`) puts in a file comes back as typed
records; the shipped files read; a file that cannot be read is listed with the reason.

How a report shows them is tested in ``tests/present/test_reports.py``.
"""

from __future__ import annotations

import json

import pytest
from test_backtest import HORIZON, TINY, TINY_CRITERIA, YEAR, _Synthetic

from alliancescore.backtest import run_backtest
from alliancescore.backtest.figures import (
    CURVE_SCORERS,
    Unread,
    WindowFigures,
    read_figures,
    read_window,
)
from alliancescore.backtest.report import backtest_json
from alliancescore.shipped import backtest_results


@pytest.fixture(scope="module")
def tiny_result(tmp_path_factory):
    path = tmp_path_factory.mktemp("criteria") / "tiny.toml"
    path.write_text(TINY_CRITERIA)
    data = _Synthetic(TINY)
    return run_backtest(
        YEAR, HORIZON, criteria=path, data=data, ks=(5, 10), command=["test"], literature=False
    )


@pytest.fixture()
def written(tiny_result, tmp_path):
    (tmp_path / "backtest_2000_2010.json").write_text(backtest_json(tiny_result))
    return tmp_path


def test_a_written_file_reads_back(tiny_result, written):
    [window] = read_figures(written)
    assert isinstance(window, WindowFigures)
    assert (window.file, window.year, window.first, window.last) == (
        "backtest_2000_2010.json",
        2000,
        2001,
        2010,
    )
    assert (window.criteria_id, window.criteria_version) == ("tiny", tiny_result.criteria.version)
    assert window.pairs == tiny_result.counts["pairs_evaluated"]
    assert window.new_pacts == tiny_result.counts["new_pacts"]
    assert window.rules == {k: str(v) for k, v in tiny_result.rules.items()}
    assert window.command == ("test",)
    metrics = tiny_result.metrics.xs("all", level="variant")
    assert [m.scorer for m in window.metrics] == list(metrics.index)
    for m in window.metrics:
        assert m.pooled_auc == pytest.approx(metrics.loc[m.scorer, "pooled_auc"], abs=1e-6)
        assert m.precision_at_5 == pytest.approx(metrics.loc[m.scorer, "precision_at_5"], abs=1e-6)
    # the curves of the model and the baselines, in a fixed order, each with its AUC
    scorers = [c.scorer for c in window.curves]
    assert scorers == [s for s in CURVE_SCORERS if s in scorers] and "model" in scorers
    model = window.curves[0]
    assert model.auc == pytest.approx(metrics.loc["model", "pooled_auc"], abs=1e-6)
    assert (model.fpr[0], model.tpr[0], model.fpr[-1], model.tpr[-1]) == (0, 0, 1, 1)
    deciles = tiny_result.deciles
    model_deciles = deciles[(deciles["scorer"] == "model") & (deciles["variant"] == "all")]
    assert [d.decile for d in window.deciles] == model_deciles["decile"].tolist()
    assert [d.pairs for d in window.deciles] == model_deciles["n"].tolist()


def test_windows_of_another_model_are_left_out(written):
    assert read_figures(written, "tiny") and read_figures(written, "default") == []
    assert read_figures(written / "absent") == [] and read_figures(None) == []


def test_the_shipped_figures_read():
    windows = read_figures(backtest_results(), "default")
    assert [w.file for w in windows] == [
        "backtest_1990_2000.json",
        "backtest_2000_2010.json",
        "backtest_2008_2018.json",
    ]
    for w in windows:
        assert isinstance(w, WindowFigures)
        assert w.curves[0].scorer == "model" and len(w.deciles) == 10
        assert all(c.auc is not None for c in w.curves)


def _edit(doc: dict, path: tuple, value: object) -> dict:
    doc = json.loads(json.dumps(doc))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        (("window", "labels"), 2001, "int"),
        (("window",), [2000], "'window' is not an object"),
        (("metrics",), "none", "'metrics' is not a list of objects"),
        (("metrics", 0, "pooled_auc"), "high", "metrics of model: pooled_auc is not a number"),
        (("metrics", 0, "scorer"), None, "a scorer is not a name"),
        (("roc", "model", "all", "tpr", 1), "x", "roc of model: a rate is not a number"),
        (("deciles", 0, "rate"), [0.1], "deciles of model: rate is not a number"),
        (("counts", "new_pacts"), "many", "counts: new_pacts is not a number"),
    ],
)
def test_a_file_of_the_wrong_shape_is_listed_with_the_reason(
    tiny_result, tmp_path, path, value, reason
):
    doc = _edit(json.loads(backtest_json(tiny_result)), path, value)
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    with pytest.raises(ValueError, match=reason):
        read_window(tmp_path / "bad.json")
    [unread] = read_figures(tmp_path)
    assert isinstance(unread, Unread) and unread.file == "bad.json" and reason in unread.reason


def test_files_that_are_not_backtest_files(tmp_path):
    (tmp_path / "a.json").write_text("{not json")
    (tmp_path / "b.json").write_text(json.dumps({"metrics": []}))
    (tmp_path / "c.json").write_text(json.dumps([1, 2]))
    (tmp_path / "notes.txt").write_text("not read")
    unread = read_figures(tmp_path)
    assert [u.file for u in unread] == ["a.json", "b.json", "c.json"]
    assert all(isinstance(u, Unread) for u in unread)
    assert unread[1].reason == unread[2].reason == "not a backtest file (no 'window')"


def test_a_curve_without_positives_is_not_drawn(tiny_result, tmp_path):
    doc = json.loads(backtest_json(tiny_result))
    n = len(doc["roc"]["model"]["all"]["fpr"])
    doc = _edit(doc, ("roc", "model", "all", "tpr"), [None] * n)
    (tmp_path / "x.json").write_text(json.dumps(doc))
    assert "model" not in [c.scorer for c in read_window(tmp_path / "x.json").curves]
