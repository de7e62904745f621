"""The elicitation page (issue 17): its context, its markup, escaping, and the command.

What the page computes (CR, weights, triad, the exported block) is checked in a real browser
in ``test_elicitation_browser.py``; here everything is read from Python and the HTML text.
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from pathlib import Path

import pytest
from test_reports import BREAKOUT, SCRIPT, tags, write_hostile_inputs

from alliancescore.cli import main
from alliancescore.errors import AllianceScoreError
from alliancescore.mcda.weighting.ahp import RANDOM_INDEX_TABLES
from alliancescore.model.criteria import load_criteria
from alliancescore.model.profile import load_profile
from alliancescore.present.elicitation import (
    SCALE,
    elicitation_context,
    render_elicitation,
    scale_text,
    write_elicitation,
)
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable

PROFILES = package_root() / "profiles"

NESTED = """\
[model]
id = "nested"
label = "Nested model"
rationale = "A tree with sub-criteria, one of them with a single indicator."

[[criteria]]
id = "power"
label = "Power"
weight = 2
rationale = "r"

  [[criteria.criteria]]
  id = "hard power"
  label = "Hard power"
  weight = 1
  rationale = "r"

    [[criteria.criteria.indicators]]
    id = "capability"
    label = "Capability"
    measure = "capability"
    direction = "benefit"
    weight = 1
    rationale = "r"

    [[criteria.criteria.indicators]]
    id = 'odd "id" \\ x'
    label = "Nuclear status"
    measure = "nuclear_status"
    direction = "benefit"
    weight = 1
    rationale = "r"

  [[criteria.criteria]]
  id = "reach"
  label = "Reach"
  weight = 1
  rationale = "r"

    [[criteria.criteria.indicators]]
    id = "proximity"
    label = "Proximity"
    measure = "distance_to_focal"
    direction = "cost"
    weight = 1
    rationale = "r"

[[criteria]]
id = "ties"
label = "Ties"
weight = 1
rationale = "r"

  [[criteria.indicators]]
  id = "defence_ties"
  label = "Defence ties"
  measure = "defence_depth"
  direction = "benefit"
  weight = 1
  rationale = "r"
"""


def write_nested(folder: Path) -> Path:
    """A criteria file with sub-criteria, an id that needs quoting in TOML (``odd "id" \\
    x``) and two criteria with a single child (nothing to judge there)."""
    path = folder / "nested.toml"
    path.write_text(NESTED, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def default_model():
    return load_criteria(default_criteria())


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="elicit-data">(.*?)</script>', html)
    assert found, "the page's data block is missing"
    return json.loads(found.group(1))


# ------------------------------------------------------------------------------ the context
def test_scale_is_saatys_seventeen_judgments():
    assert [scale_text(s) for s in SCALE] == [
        *(f"1/{k}" for k in range(9, 1, -1)),
        *(str(k) for k in range(1, 10)),
    ]
    assert all(SCALE[k] * SCALE[-1 - k] == 1 for k in range(len(SCALE)))


def test_context_walks_the_goal_then_each_criterion(default_model):
    context = elicitation_context(default_model)
    nodes = context["nodes"]
    assert [n["id"] for n in nodes] == ["goal", *(c.id for c in default_model.criteria)]
    assert [c["id"] for c in nodes[0]["children"]] == [c.id for c in default_model.criteria]
    for node, criterion in zip(nodes[1:], default_model.criteria, strict=True):
        assert [c["id"] for c in node["children"]] == [c.id for c in criterion.children]
        assert node["label"] == criterion.label and not node["top"]
        n = len(criterion.children)
        assert [(p["i"], p["j"]) for p in node["pairs"]] == [
            (i, j) for i in range(n) for j in range(i + 1, n)
        ]
    # Without a profile nothing anchors the analyst: every pair starts equal, at AHP.
    for node in nodes:
        assert node["scheme"] == "ahp" and not node["prefilled"]
        assert {p["start"] for p in node["pairs"]} == {"1"}
        assert {c["points"] for c in node["children"]} == {100.0}
    assert context["notes"] == [] and context["profile"] is None
    assert context["title"] == "Weights for Partner value for a focal nation"


def test_the_page_embeds_the_python_random_index_table(default_model):
    page = elicitation_context(default_model)["page"]
    assert page["ri_table"] == "saaty1980" and page["threshold"] == 0.10
    table = {int(n): ri for n, ri in page["random_index"].items()}
    assert table == dict(RANDOM_INDEX_TABLES["saaty1980"])
    html = render_elicitation(elicitation_context(default_model))
    assert page_data(html)["random_index"] == page["random_index"]


def test_options_run_from_left_nine_times_to_right_nine_times(default_model):
    pair = elicitation_context(default_model)["nodes"][0]["pairs"][0]
    values = [o["value"] for o in pair["options"]]
    assert values == [scale_text(s) for s in reversed(SCALE)]
    texts = [o["text"] for o in pair["options"]]
    assert texts[0] == "Shared threats: 9 (extremely more important)"
    assert texts[1] == "Shared threats: 8 (between very strongly and extremely)"
    assert texts[7] == "Shared threats: 2 (between equally and moderately)"
    assert texts[8] == "equally important (1)"
    assert texts[10] == "Interoperability: 3 (moderately more important)"
    assert texts[-1] == "Interoperability: 9 (extremely more important)"


def test_an_ahp_profile_prefills_the_top_level_snapped_to_the_scale(default_model):
    india = load_profile(PROFILES / "india.toml")
    assert india.weights.scheme == "ahp"
    context = elicitation_context(default_model, india)
    top = context["nodes"][0]
    assert top["scheme"] == "ahp" and top["prefilled"]
    ids = [c["id"] for c in top["children"]]
    at = {k: i for i, k in enumerate(india.weights.ahp_criteria)}
    for pair in top["pairs"]:
        given = india.weights.ahp_matrix[at[ids[pair["i"]]]][at[ids[pair["j"]]]]
        nearest = min(SCALE, key=lambda s: abs(math.log(float(s) / given)))
        assert Fraction(pair["start"]) == nearest
    assert context["notes"][0] == "The top level starts from the AHP judgments of india.toml."
    assert context["profile"] == {"id": "india", "label": india.label, "file": "india.toml"}
    # The deeper nodes the profile does not weigh start neutral, outside the export.
    assert not any(n["prefilled"] for n in context["nodes"][1:])


def test_a_direct_profile_prefills_swing_points_the_largest_100(default_model):
    japan = load_profile(PROFILES / "japan.toml")
    top = elicitation_context(default_model, japan)["nodes"][0]
    assert top["scheme"] == "swing"
    values = japan.weights.values  # 0.35, 0.25, 0.25, 0.15
    largest = max(values.values())
    assert [c["points"] for c in top["children"]] == [
        round(100 * values[c["id"]] / largest, 1) for c in top["children"]
    ]
    assert [c["points"] for c in top["children"]] == [100.0, 71.4, 71.4, 42.9]


def test_local_weights_prefill_their_node_as_swing(default_model, tmp_path):
    text = portable((PROFILES / "japan.toml").read_text(encoding="utf-8"))
    text = text.replace(
        "[methods]", "local = { capability = 3, capability_at_theatre = 1.5 }\n\n[methods]", 1
    )
    path = tmp_path / "japan_local.toml"
    path.write_text(text, encoding="utf-8")
    context = elicitation_context(default_model, load_profile(path))
    deterrence = next(n for n in context["nodes"] if n["id"] == "deterrence")
    assert deterrence["scheme"] == "swing" and deterrence["prefilled"]
    own = {c.id: c.weight for c in default_model.nodes["deterrence"].children}
    raw = {**own, "capability": 3, "capability_at_theatre": 1.5}
    top = max(raw.values())
    assert [c["points"] for c in deterrence["children"]] == [
        max(0.1, round(100 * raw[c["id"]] / top, 1)) for c in deterrence["children"]
    ]
    assert (
        "deterrence: starts from the local weights of japan_local.toml as swing points."
        in (context["notes"])
    )


def test_nested_criteria_judge_every_node_with_two_children(tmp_path):
    model = load_criteria(write_nested(tmp_path))
    nodes = elicitation_context(model)["nodes"]
    assert [n["id"] for n in nodes] == ["goal", "power", "hard power"]
    assert [c["id"] for c in nodes[1]["children"]] == ["hard power", "reach"]
    assert nodes[2]["above"] == ["Power"]
    assert [c["kind"] for c in nodes[1]["children"]] == ["criterion", "criterion"]
    assert [c["kind"] for c in nodes[2]["children"]] == ["leaf", "leaf"]
    assert elicitation_context(model)["page"]["nodes"][2]["children"] == [
        "capability",
        'odd "id" \\ x',
    ]


@pytest.mark.parametrize("bad", ["Regional", "desk-1", "", "a b", "é"])
def test_analyst_ids_are_checked(default_model, bad):
    with pytest.raises(AllianceScoreError) as caught:
        elicitation_context(default_model, analyst_id=bad)
    assert str(caught.value).startswith(
        "--analyst-id: expected an id of lowercase letters, digits and '_' (as [[analysts]] "
        f"id), found {bad!r}"
    )


# ------------------------------------------------------------------------------- the markup
def test_page_is_one_offline_file(default_model):
    html = render_elicitation(elicitation_context(default_model, analyst_id="desk_1"))
    found = tags(html)
    assert not [a for t, a in found if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in found if t == "script" and "src" in a]
    assert "http://" not in html and "https://" not in html
    assert "default-src 'none'" in html  # the reports' content security policy
    selects = [a for t, a in found if t == "select"]
    assert len(selects) == 6 + 10 + 6 + 3 + 10  # pairs of 4, 5, 4, 3 and 5 children
    assert html.count('data-role="points"') == 4 + 5 + 4 + 3 + 5
    assert 'id="analyst-id" data-role="analyst-id" value="desk_1"' in html
    # deeper nodes start outside the export, ticked by a judgment
    includes = [a for t, a in found if a.get("data-role") == "include"]
    assert len(includes) == 4 and not [a for a in includes if "checked" in a]


def test_hostile_labels_are_escaped(tmp_path):
    profile = write_hostile_inputs(tmp_path)
    model = load_criteria(tmp_path / "hostile_criteria.toml")
    html = render_elicitation(elicitation_context(model, load_profile(profile)))
    assert SCRIPT not in html and BREAKOUT not in html
    assert "<img" not in html and "<b>bold" not in html
    assert "Threats &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Japan &lt;script&gt;" in html  # the profile's label
    found = tags(html)
    assert not [t for t, _ in found if t in ("img", "b")]
    assert not [a for _, attrs in found for a in attrs if a.startswith("on")]
    assert html.count("<script") == html.count("</script>") == 3  # data, page, report
    # in attributes (each select's aria-label) the quote cannot break out
    assert 'aria-label="Threats &lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;' in html
    raw = re.search(r'id="elicit-data">(.*?)</script>', html).group(1)
    assert "<" not in raw and ">" not in raw


# ---------------------------------------------------------------------------- the command
def test_cli_elicit_writes_the_page(tmp_path, capsys):
    out = tmp_path / "pages" / "japan.html"
    code = main(
        [
            "elicit",
            "--profile",
            str(PROFILES / "japan.toml"),
            "--analyst-id",
            "regional_desk",
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().err == f"wrote {out}\n"
    html = out.read_text(encoding="utf-8")
    assert "<h1>Weights for Japan: partners against China, North Korea and Russia</h1>" in html
    assert "profile <strong>Japan: partners against China" in html
    assert page_data(html)["nodes"][0]["children"] == [
        "shared_threats",
        "interoperability",
        "deterrence",
        "regional_stability",
    ]


def test_cli_elicit_takes_a_criteria_file(tmp_path, capsys):
    out = tmp_path / "nested.html"
    assert main(["elicit", str(write_nested(tmp_path)), "--out", str(out)]) == 0
    assert [n["id"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]] == [
        "goal",
        "power",
        "hard power",
    ]


def test_cli_elicit_never_writes_over_its_inputs(tmp_path, capsys):
    criteria = write_nested(tmp_path)
    before = criteria.read_text(encoding="utf-8")
    assert main(["elicit", str(criteria), "--out", str(criteria)]) == 2
    err = capsys.readouterr().err
    assert "--out: expected a path that is not one of the inputs" in err
    assert criteria.read_text(encoding="utf-8") == before


def test_cli_elicit_reports_a_bad_analyst_id_and_a_missing_out(tmp_path, capsys):
    out = tmp_path / "x.html"
    assert main(["elicit", "--analyst-id", "Desk", "--out", str(out)]) == 2
    assert "--analyst-id: expected an id of lowercase letters" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(SystemExit) as stop:
        main(["elicit"])
    assert stop.value.code == 2
    assert "the following arguments are required: --out" in capsys.readouterr().err


def test_write_elicitation_uses_the_profiles_criteria_file(tmp_path):
    profile = write_hostile_inputs(tmp_path)
    path = write_elicitation(None, tmp_path / "p.html", profile=profile)
    html = path.read_text(encoding="utf-8")
    assert "<strong>hostile_criteria.toml</strong>" in html
