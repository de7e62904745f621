"""The ``[[analysts]]`` block of notes/group_format.md, checked structurally (shared by the
elicitation tests): keys, types, square reciprocal matrices on Saaty's scale written as
numbers and quoted fractions, swing points in (0, 100] with the largest 100.

``validate`` checks the block against a profile once the profile side of the format is
merged; until then this is the format file read as a test.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from alliancescore.model.criteria import CriteriaModel, Criterion

SAATY = {Fraction(k) for k in range(1, 10)} | {Fraction(1, k) for k in range(2, 10)}


def cell(value: Any) -> Fraction:
    """A matrix cell as the profile format accepts it: an int/float, or "a/b" in quotes."""
    if isinstance(value, str):
        found = re.fullmatch(r"(\d+)/(\d+)", value)
        assert found, value
        return Fraction(int(found.group(1)), int(found.group(2)))
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    assert float(value).is_integer(), f"a non-integer number {value!r}: write it as a fraction"
    return Fraction(int(value))


def judged_nodes(model: CriteriaModel) -> dict[str, list[str]]:
    """Criterion id -> its children's ids, for every criterion with two or more children."""
    return {
        node.id: [c.id for c in node.children]
        for _, node in model.goal.walk()
        if isinstance(node, Criterion) and len(node.children) >= 2
    }


def check_node(table: dict[str, Any], children: list[str], where: str) -> None:
    assert table["scheme"] in ("ahp", "swing"), where
    if table["scheme"] == "ahp":
        assert set(table) == {"scheme", "criteria", "matrix"}, where
        assert table["criteria"] == children, where
        matrix = table["matrix"]
        n = len(children)
        assert len(matrix) == n and all(len(row) == n for row in matrix), where
        A = [[cell(v) for v in row] for row in matrix]
        for i in range(n):
            assert A[i][i] == 1 and isinstance(matrix[i][i], int), where
            for j in range(n):
                assert A[i][j] in SAATY, (where, i, j, matrix[i][j])
                assert A[i][j] * A[j][i] == 1, (where, i, j)  # reciprocal, exactly
                # numbers for judgments >= 1, quoted fractions below
                assert isinstance(matrix[i][j], str) == (A[i][j] < 1), (where, matrix[i][j])
    else:
        assert set(table) == {"scheme", "values"}, where
        values = table["values"]
        assert list(values) == children, where
        assert all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0 < v <= 100
            for v in values.values()
        ), where
        assert max(values.values()) == 100, where


def check_analysts_block(document: dict[str, Any], model: CriteriaModel) -> dict[str, Any]:
    """The one ``[[analysts]]`` entry of ``document`` (a parsed TOML export), checked."""
    assert set(document) == {"analysts"}
    (block,) = document["analysts"]
    assert set(block) <= {"id", "label", "weight", "weights", "nodes"}
    assert {"id", "label", "weights"} <= set(block)
    assert re.fullmatch(r"[a-z0-9_]+", block["id"])
    assert isinstance(block["label"], str) and block["label"]
    assert isinstance(block["weight"], float) and block["weight"] > 0
    check_node(block["weights"], [c.id for c in model.criteria], "weights")
    judged = judged_nodes(model)
    for node_id, table in block.get("nodes", {}).items():
        assert node_id in judged, node_id
        check_node(table, judged[node_id], f"nodes.{node_id}")
    return block
