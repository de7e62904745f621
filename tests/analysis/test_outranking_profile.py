"""A profile with ELECTRE III (and PROMETHEE I) beside a score method, and BWM weights,
through the commands an analyst runs (issue 16): validate, score (table and JSON),
sensitivity and report, each through ``alliancescore.cli.main``."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from engine_profiles import BWM, HEAD, TAIL, electre_bwm, write


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return electre_bwm(tmp_path_factory.mktemp("electre"))


@pytest.fixture(scope="module")
def result(profile):
    return score(profile)


def test_validate_accepts_it(capsys, profile):
    code, out, _ = run(capsys, "validate", str(profile))
    assert code == 0
    assert out.startswith(f"{profile}: valid profile\n")


def test_relations_are_the_kernels_own_on_the_value_matrix(result):
    V = result.matrix.values[list(result.weights.leaves)].to_numpy(dtype=float)
    w = result.weights.leaf_weights
    direct = mcda.outrank("electre_iii", V, w, None, q=0.05, p=0.2, v=0.8)
    relation = result.relations["electre_iii"]
    np.testing.assert_array_equal(relation.outranks, direct.outranks)
    np.testing.assert_array_equal(relation.kernel, direct.kernel)
    assert list(result.methods) == ["weighted_sum"]  # relations are not scores
    assert set(result.relations) == {"electre_iii", "promethee_i"}
    bwm = mcda.weights("bwm", [1, 2, 3, 8], [8, 5, 3, 1], best=0, worst=3).weights
    top = [result.weights.local[c.id] for c in result.criteria.criteria]
    np.testing.assert_allclose(top, bwm)


def test_score_table_shows_levels_kernel_and_incomparable_pairs(capsys, profile, result):
    code, out, _ = run(capsys, "score", str(profile))
    assert code == 0
    assert "weights: bwm shared_threats" in out
    titles = out.split("\n\n")[1].split("\n")[0].split()  # each method over its columns
    assert titles == ["weighted_sum", "electre_iii", "promethee_i"]
    kernel = [
        a
        for a, k in zip(result.scores.index, result.relations["electre_iii"].kernel, strict=True)
        if k
    ]
    for alt in kernel:  # a kernel member's level carries the star
        row = next(line for line in out.splitlines() if line.startswith(f"{alt} "))
        assert re.search(r"\b1\*", row), row
    pairs = result.incomparable_pairs("electre_iii")
    assert f"electre_iii: {len(pairs)} incomparable pair(s) of 66" in out
    assert "note: BWM consistency ratio" in out


def test_score_json_carries_each_relation(capsys, profile, result):
    code, out, _ = run(capsys, "score", str(profile), "--format", "json")
    assert code == 0
    document = json.loads(out)
    relation = result.relations["electre_iii"]
    found = document["relations"]["electre_iii"]
    index = list(result.scores.index)
    assert found["kernel"] == [a for a, k in zip(index, relation.kernel, strict=True) if k]
    assert found["levels"] == dict(zip(index, relation.levels.tolist(), strict=True))
    assert {tuple(p) for p in found["incomparability"]} == {
        tuple(sorted((index[i], index[j]), key=index.index))
        for i, j in zip(*np.nonzero(np.triu(relation.incomparability, 1)), strict=True)
    }
    assert found["params"]["q"] == 0.05
    first = document["alternatives"][0]
    assert set(first["relations"]) == {"electre_iii", "promethee_i"}


def test_sensitivity_says_which_relations_it_covers(capsys, profile):
    code, out, _ = run(capsys, "sensitivity", str(profile), "--samples", "500", "--format", "json")
    assert code == 0
    relations = json.loads(out)["relations"]
    assert relations["electre_iii"]["draws"] == 0
    assert relations["electre_iii"]["coverage"].startswith("not applicable")
    assert relations["promethee_i"]["draws"] == 500
    shares = relations["promethee_i"]["kernel"]
    assert all(0.0 <= s <= 1.0 for s in shares.values())


def test_report_shows_the_relation_and_the_gaia_plane(capsys, profile, result, tmp_path):
    code, _, err = run(capsys, "report", str(profile), "--out", str(tmp_path), "--samples", "300")
    assert code == 0, err
    html = (tmp_path / "jp_electre_bwm.html").read_text(encoding="utf-8")
    section = re.search(r'<section id="relations">.*?</section>', html, re.S).group(0)
    assert 'id="relation-electre_iii"' in section and 'id="relation-promethee_i"' in section
    assert "thresholds are in value units" in section
    labels = result.matrix.alternatives["label"]
    kernel = [
        labels[a]
        for a, k in zip(result.scores.index, result.relations["electre_iii"].kernel, strict=True)
        if k
    ]
    block = section[
        section.index('id="relation-electre_iii"') : section.index('id="relation-promethee_i"')
    ]
    assert all(label in block.split("Kernel")[1].split("</p>")[0] for label in kernel)
    assert f"<strong>{len(result.incomparable_pairs('electre_iii'))}</strong> of 66" in block
    assert 'class="sortable relation-matrix"' not in block  # the matrix is not sortable
    assert "relation-matrix" in block
    gaia = section[section.index('id="gaia-promethee_i"') :]
    assert 'aria-label="GAIA plane of promethee_i"' in gaia
    assert re.search(r"The plane keeps <strong>\d+\.\d%</strong> of the variance", gaia)


def test_a_profile_of_outranking_methods_only_is_refused_with_one_message(capsys, tmp_path):
    text = HEAD.format(id="only", label="only") + BWM + "\n[methods]\nelectre_iii = {}\n" + TAIL
    path = write(tmp_path, "only.toml", text)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err.startswith(
        f"alliancescore: error: {path}: methods: expected at least one score method beside the "
        "outranking methods"
    )


def test_outranking_parameters_are_checked_like_score_methods(capsys, tmp_path):
    methods = (
        '\n[methods]\nweighted_sum = {}\nelectre_iii = { q = 0.3, p = 0.1, tresholds_at = "a" }\n'
    )
    path = write(tmp_path, "bad.toml", HEAD.format(id="bad", label="bad") + BWM + methods + TAIL)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "methods.electre_iii.tresholds_at: expected one of the keys q, p, v," in err
    assert "Did you mean 'thresholds_at'" in err
    path.write_text(path.read_text().replace("tresholds_at", "thresholds_at"))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    # the criterion is named by its indicator id on the analyst path
    assert re.search(
        r"methods\.electre_iii \(electre_iii criterion 0 \(rival_of_threats\)\): expected a "
        r"preference threshold p >= q, found q = 0\.3, p = 0\.1",
        err,
    ), err
