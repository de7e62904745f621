"""What differs between two criteria files (issue 12): model.criteria_diff.diff on small trees.

The base tree has two criteria; each test writes a variant of it and checks the records.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from alliancescore.model.criteria import load_criteria
from alliancescore.model.criteria_diff import Weight, diff, file_weights

BASE = """
[model]
id = "{model_id}"
label = "{model_label}"
rationale = "Test."

[[criteria]]
id = "power"
label = "Power"
weight = {power_weight}
rationale = "Power matters."

  [[criteria.indicators]]
  id = "cinc"
  label = "CINC"
  measure = "capability"
  direction = "benefit"
  weight = 1
  rationale = "Capability."

  [[criteria.indicators]]
  id = "reach"
  label = "Reach"
  measure = "projected_capability"
  direction = "benefit"
  weight = {reach_weight}
  rationale = "Capability at the theatre."
  {reach_extra}

[[criteria]]
id = "ties"
label = "Ties"
weight = 1
rationale = "Ties matter."

  [[criteria.indicators]]
  id = "defence"
  label = "Defence ties"
  measure = "defence_ties"
  direction = "benefit"
  weight = 1
  rationale = "Treaties."
  value_function = {{ type = "categorical", map = {{ "0" = 0, "1" = 0.5, "2" = 0.75, "3" = 1 }} }}
{extra}
"""

NUCLEAR = """
  [[criteria.indicators]]
  id = "nuclear"
  label = "Nuclear status"
  measure = "nuclear_status"
  direction = "benefit"
  weight = 1
  rationale = "Extended deterrence."
"""


def tree(tmp_path: Path, name: str, **changes: str) -> object:
    fields = {
        "model_id": "base",
        "model_label": "Base",
        "power_weight": "1",
        "reach_weight": "1",
        "reach_extra": "",
        "extra": "",
    }
    fields.update(changes)
    path = tmp_path / f"{name}.toml"
    path.write_text(BASE.format(**fields), encoding="utf-8")
    return load_criteria(path)


@pytest.fixture
def base(tmp_path):
    return tree(tmp_path, "base")


def test_identical_apart_from_id_and_label(tmp_path, base):
    # the same weights written differently (as shares they are equal) and a default
    # measure parameter written out are no difference either
    other = tree(
        tmp_path,
        "other",
        model_id="other",
        model_label="Other",
        reach_extra="params = { half_distance_km = 5000.0 }",
    )
    d = diff(base, other)
    assert d.identical and d.nodes == ()
    assert [(c.field, c.before, c.after) for c in d.model] == [
        ("id", "base", "other"),
        ("label", "Base", "Other"),
    ]
    assert diff(base, base).identical and diff(base, base).model == ()


def test_added_and_removed_indicator(tmp_path, base):
    other = tree(tmp_path, "other", extra=NUCLEAR)
    added = diff(base, other)
    assert not added.identical
    assert [(n.id, n.kind, n.parent_after) for n in added.added] == [
        ("nuclear", "indicator", "ties")
    ]
    record = added.added[0]
    assert record.before is None and record.after.measure == "nuclear_status"
    # half of "ties" (0.5 of the goal): the new indicator and "defence" share it
    assert record.weight.after == Weight(0.5, 0.25) and record.weight.before is None
    assert added.removed == [] and added.changed == []
    # the sibling's share halves: a weight change, not a field change
    assert [n.id for n in added.reweighted] == ["defence"]
    defence = added.reweighted[0].weight
    assert (defence.before, defence.after) == (Weight(1.0, 0.5), Weight(0.5, 0.25))

    removed = diff(other, base)
    assert [(n.id, n.status, n.parent_before) for n in removed.removed] == [
        ("nuclear", "removed", "ties")
    ]
    assert removed.removed[0].label == "Nuclear status" and removed.added == []


def test_changed_value_function_and_fields(tmp_path, base):
    text = (tmp_path / "base.toml").read_text(encoding="utf-8")
    text = text.replace('"1" = 0.5', '"1" = 0.7').replace('label = "Defence ties"', "label = 'T'")
    text = text.replace(
        'rationale = "Capability at the theatre."',
        'rationale = "Capability at the theatre."\n  missing = "neutral"\n'
        '  aggregation = "max"\n  params = { half_distance_km = 2500.0 }',
    )
    (tmp_path / "other.toml").write_text(text, encoding="utf-8")
    d = diff(base, load_criteria(tmp_path / "other.toml"))
    assert [n.id for n in d.changed] == ["reach", "defence"] and d.reweighted == []
    defence = d.nodes[[n.id for n in d.nodes].index("defence")]
    assert [c.field for c in defence.changes] == ["label", "value_function"]
    vf = defence.change("value_function")
    assert vf.before == {"type": "categorical", "map": {"0": 0.0, "1": 0.5, "2": 0.75, "3": 1.0}}
    assert vf.after == {"type": "categorical", "map": {"0": 0.0, "1": 0.7, "2": 0.75, "3": 1.0}}
    assert (defence.change("label").before, defence.change("label").after) == ("Defence ties", "T")
    reach = d.nodes[[n.id for n in d.nodes].index("reach")]
    assert [(c.field, c.before, c.after) for c in reach.changes] == [
        ("missing", "worst", "neutral"),
        ("aggregation", "sum", "max"),
        ("params", {"half_distance_km": 5000.0}, {"half_distance_km": 2500.0}),
    ]


def test_changed_measure_and_direction(tmp_path, base):
    text = (tmp_path / "base.toml").read_text(encoding="utf-8")
    text = text.replace(
        'measure = "capability"\n  direction = "benefit"',
        'measure = "military_expenditure"\n  direction = "cost"',
    )
    (tmp_path / "other.toml").write_text(text, encoding="utf-8")
    d = diff(base, load_criteria(tmp_path / "other.toml"))
    (cinc,) = d.changed
    assert [(c.field, c.before, c.after) for c in cinc.changes] == [
        ("measure", "capability", "military_expenditure"),
        ("direction", "benefit", "cost"),
    ]
    # the default linear function is the same function in either direction
    assert cinc.change("value_function") is None


def test_changed_weight_local_and_global(tmp_path, base):
    other = tree(tmp_path, "other", reach_weight="3")
    d = diff(base, other)
    assert d.changed == [] and d.added == [] and d.removed == []
    changes = {n.id: n.weight for n in d.reweighted}
    assert set(changes) == {"cinc", "reach"}
    assert changes["reach"].before == Weight(0.5, 0.25)
    assert changes["reach"].after == Weight(0.75, 0.375)
    assert changes["cinc"].after == Weight(0.25, 0.125)
    # a top-level change moves every global weight below it, but only the local weights
    # are written: without a profile, every global change is reported
    top = diff(base, tree(tmp_path, "top", power_weight="3"))
    assert {n.id for n in top.reweighted} == {"power", "ties", "cinc", "reach", "defence"}
    assert file_weights(top.after)["cinc"] == Weight(0.5, 0.375)


def test_applied_weights_beside_the_files_own(tmp_path, base):
    """A profile's [weights] sets the top level whatever the file says: the applied weights
    are compared, and the file's own are kept beside them."""
    other = tree(tmp_path, "other", power_weight="3")

    def applied(model, top):
        local, global_ = {}, {}
        for node_id, w in file_weights(model).items():
            local[node_id], global_[node_id] = w.local, w.global_
        for node_id, share in top.items():
            local[node_id] = global_[node_id] = share
        for node_id in ("cinc", "reach"):
            global_[node_id] = local[node_id] * top["power"]
        global_["defence"] = top["ties"]
        return SimpleNamespace(local=local, global_=global_)

    same = {"power": 0.5, "ties": 0.5}
    d = diff(base, other, applied=(applied(base, same), applied(other, same)))
    assert d.applied
    # only the top-level nodes, whose written shares differ; nothing below moved
    assert {n.id for n in d.reweighted} == {"power", "ties"}
    power = next(n.weight for n in d.reweighted if n.id == "power")
    assert not power.applied_differ and power.files_differ
    assert power.before == power.after == Weight(0.5, 0.5)
    assert power.file_after == Weight(0.75, 0.75) and power.overridden_after
    assert not power.overridden_before

    d = diff(
        base,
        other,
        applied=(applied(base, same), applied(other, {"power": 0.8, "ties": 0.2})),
    )
    cinc = next(n.weight for n in d.reweighted if n.id == "cinc")
    assert cinc.applied_differ and cinc.after == Weight(0.5, 0.4)


def test_moved_node(tmp_path, base):
    text = (tmp_path / "base.toml").read_text(encoding="utf-8")
    block_start = text.index('  [[criteria.indicators]]\n  id = "reach"')
    block_end = text.index('[[criteria]]\nid = "ties"')
    block = text[block_start:block_end]
    text = text[:block_start] + text[block_end:] + "\n" + block
    (tmp_path / "other.toml").write_text(text, encoding="utf-8")
    d = diff(base, load_criteria(tmp_path / "other.toml"))
    (reach,) = d.changed
    assert reach.id == "reach" and reach.status == "changed"
    assert (reach.parent_before, reach.parent_after) == ("power", "ties")
    assert [(c.field, c.before, c.after) for c in reach.changes] == [("parent", "power", "ties")]
    assert d.added == [] and d.removed == []
    # half of "power" before, half of "ties" after: the same shares, so no weight record
    assert reach.weight is None
    # its old sibling now holds all of "power"
    cinc = next(n for n in d.reweighted if n.id == "cinc")
    assert cinc.weight.after == Weight(1.0, 0.5)


def test_criterion_becoming_an_indicator_is_a_kind_change(tmp_path, base):
    text = (tmp_path / "base.toml").read_text(encoding="utf-8")
    text = text.replace('id = "defence"', 'id = "defence_ties"').replace(
        '[[criteria]]\nid = "ties"', '[[criteria]]\nid = "ties_group"'
    )
    text += NUCLEAR.replace('id = "nuclear"', 'id = "ties"')
    (tmp_path / "other.toml").write_text(text, encoding="utf-8")
    d = diff(base, load_criteria(tmp_path / "other.toml"))
    ties = next(n for n in d.nodes if n.id == "ties")
    assert ties.status == "changed" and ties.kind == "indicator"
    assert ties.changes[0].field == "kind"
    assert (ties.changes[0].before, ties.changes[0].after) == ("criterion", "indicator")
