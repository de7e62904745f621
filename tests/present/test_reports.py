"""HTML reports (issue 7): one offline file, escaping, overrides, writing, comparison, CLI.

The browser checks (no request, no console error, live what-if) are in
``test_report_browser.py``; here everything is read from the HTML text.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.analysis.robustness import analyse
from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.present.reports import (
    Limits,
    charts,
    load_backtest,
    profile_context,
    render_comparison,
    render_profile,
    whatif_data,
    write_comparison_report,
    write_profile_report,
)
from alliancescore.present.reports.format import fixed, number, pct, rank_change, signed
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable

PROFILES = package_root() / "profiles"
CRITERIA = default_criteria()
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"></a><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT} {BREAKOUT}"


# ------------------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def data():
    return load()


@pytest.fixture(scope="module")
def japan(data):
    return score(PROFILES / "japan.toml", data=data, command=["alliancescore", "test"])


@pytest.fixture(scope="module")
def japan_report(japan):
    return analyse(japan, samples=400, seed=3)


@pytest.fixture(scope="module")
def japan_html(japan, japan_report, data):
    return render_profile(japan, japan_report, data=data)


def write_hostile_inputs(folder: Path) -> Path:
    """A copy of the Japan profile and the default criteria with markup and script in
    labels, notes, rationales and sources. Returns the profile path."""
    criteria = CRITERIA.read_text(encoding="utf-8")
    criteria = criteria.replace(
        'label = "Partner value for a focal nation"', f"label = '{HOSTILE}'", 1
    )
    criteria = criteria.replace('label = "Shared threats"', f"label = 'Threats {HOSTILE}'", 1)
    old_label = 'label = "Depth of existing ties with the focal nation"'
    assert old_label in criteria  # the hostile label must really replace one
    criteria = criteria.replace(old_label, "label = 'Ties $x^2$ \\\\ <b>bold</b>'", 1)
    criteria = re.sub(r'(?m)^id = "default"$', 'id = "hostile"', criteria, count=1)
    (folder / "hostile_criteria.toml").write_text(criteria, encoding="utf-8")
    profile = portable((PROFILES / "japan.toml").read_text(encoding="utf-8"))
    profile = profile.replace(
        'label = "Japan: partners against China, North Korea and Russia"',
        f"label = 'Japan {HOSTILE}'",
        1,
    )
    profile = profile.replace(
        'criteria = "../criteria/default.toml"', 'criteria = "hostile_criteria.toml"', 1
    )
    profile = re.sub(r'(?m)^notes = ".*"$', f"notes = '{HOSTILE}'", profile, count=1)
    profile = profile.replace(
        'label = "The Quad (US, Japan, India, Australia)"', f"label = 'Quad {HOSTILE}'", 1
    )
    profile = re.sub(r'(?m)^source = ".*"$', f"source = 'Source {HOSTILE}'", profile, count=1)
    profile = profile.replace(
        'note = "Missile and nuclear programme."', f"note = 'Missiles {HOSTILE}'", 1
    )
    path = folder / "japan_hostile.toml"
    path.write_text(profile, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("hostile")
    result = score(write_hostile_inputs(folder), data=data)
    report = analyse(result, samples=200, seed=1, methods=["weighted_sum"])
    return result, report, render_profile(result, report, data=data)


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def embedded_json(html: str) -> tuple[str, dict]:
    match = re.search(
        r'<script type="application/json" id="whatif-data">(.*?)</script>', html, re.DOTALL
    )
    assert match, "the what-if data block is missing"
    return match.group(1), json.loads(match.group(1))


# ------------------------------------------------------------------------- one offline file
def test_profile_report_is_one_self_contained_file(japan, japan_report, data, tmp_path):
    path = write_profile_report(japan, japan_report, tmp_path, data=data)
    assert path == (tmp_path / "japan.html").resolve()
    assert [p.name for p in tmp_path.iterdir()] == ["japan.html"]  # no temporary left over
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for tag, attrs in tags(html):
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        if tag == "script":
            assert "src" not in attrs
        for name in ("src", "href", "action", "poster", "data"):
            value = (attrs.get(name) or "").strip()
            assert not re.match(r"(?i)(https?:|//|ftp:|file:)", value), (tag, name, value)
            if name == "href" and name in attrs:  # in-page links; chart cells as inline PNG
                inline = tag == "image" and value.startswith("data:image/png;base64,")
                assert value.startswith("#") or inline, (tag, value)
    # Nothing in an attribute or a style sheet points at a network address; addresses
    # appear only as plain text in the data citations.
    assert not re.search(r"""(?i)=\s*["']?\s*(https?:)?//""", html)
    assert not re.search(r"(?i)url\(\s*['\"]?(?!#)", html)
    assert "@import" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count("<script") == html.count("</script>") == 2


def test_profile_report_shows_every_part(japan, japan_report, japan_html):
    html = japan_html
    for heading in (
        "The question",
        "The ranking",
        "What if the weights were different?",
        "Methods side by side",
        "How far can the ranking be trusted?",
        "Data notes",
        "Reproducibility record",
        "Appendix: explain each method",
        "Data terms and citations",
        "Year used per table",
    ):
        assert f">{heading}<" in html, heading
    for method in japan.methods:
        assert f"<h3>{method}</h3>" in html
    from markupsafe import escape

    for _, node in japan.criteria.goal.walk():
        assert str(escape(node.label)) in html
    # the ranking lists every alternative and the leader comes first
    for label in japan.matrix.alternatives["label"]:
        assert f"<td>{escape(label)}</td>" in html
    # reproducibility: command, version, seed and the hash of every input
    assert "alliancescore test" in html
    for entry in japan.record["inputs"]:
        assert entry["sha256"] in html
    # the test's seed, not the profile's, was used (20181 not as a number of its own: digits
    # of a score may contain it)
    assert not re.search(r"(?<![\d.])20181(?![\d.])", html)
    assert ">3; 400 draws per method<" in html
    # sensitivity: the most critical criterion of the first method is stated
    critical = japan_report.most_critical("weighted_sum")
    if critical is not None:
        assert "Most critical" in html
    # charts are inline SVG, one accessible name each
    assert html.count("<svg ") >= 2 + 2 * len(japan.methods)
    assert "<svg " in html and 'role="img"' in html


def test_methods_section_says_where_one_method_parts_from_the_others(data):
    from alliancescore.present.reports.sections.methods import part_from_the_others

    finland = score(PROFILES / "finland.toml", data=data)
    apart = part_from_the_others(finland, rows=10)
    assert apart["gap"] == 11  # a quarter of the 43 alternatives, rounded up
    assert apart["regret_methods"] == ["vikor"]
    rows = {(r[0], r[1]): r for r in apart["table"]["rows"]}
    # VIKOR puts the United States 24th while the other three have it 4th, 4th and 6th:
    # its regret is its UN voting distance from Finland, the largest of all candidates
    assert rows[("United States", "vikor")][2:] == [24, "4", "regret on un_alignment"]
    ranks, label = finland.ranks, finland.matrix.alternatives["label"]
    for name, method, rank, median, _ in apart["table"]["rows"]:
        alt = label.index[label == name][0]
        others = [ranks.at[alt, m] for m in finland.methods if m != method]
        assert rank == ranks.at[alt, method] and float(median) == np.median(others)
        assert abs(rank - float(median)) >= apart["gap"]  # far from the others
        assert max(others) - min(others) < apart["gap"]  # who agree among themselves
    gaps = [abs(r[2] - float(r[3])) for r in apart["table"]["rows"]]
    assert gaps == sorted(gaps, reverse=True)  # the largest departures first
    # the rendered section carries the table
    html = render_profile(finland, None, data=data)
    assert "Where one method parts from the others" in html and "regret on un_alignment" in html
    # with two methods neither is "the others": no table; without VIKOR no regret text
    two = score(PROFILES / "finland.toml", data=data, methods=["weighted_sum", "vikor"])
    assert part_from_the_others(two, rows=10)["count"] == 0
    four = score(PROFILES / "ukraine.toml", data=data)
    assert part_from_the_others(four, rows=10)["count"] >= 1
    compensatory = score(
        PROFILES / "ukraine.toml", data=data, methods=["weighted_sum", "topsis", "promethee_ii"]
    )
    assert part_from_the_others(compensatory, rows=10)["regret_methods"] == []
    assert "single worst weighted gap" not in render_profile(compensatory, None, data=data)


def test_percentages_never_round_to_false_extremes():
    assert pct(0.0004) == "< 0.1%"
    assert pct(0.9996) == "> 99.9%"
    assert pct(0.0) == "0%" and pct(1.0) == "100%"
    assert pct(float("nan")) == "n/a" and pct(None) == "n/a"
    assert fixed(0.00004, 3) == "< 0.001"
    assert fixed(-0.00004, 3) == "> −0.001"
    assert fixed(0.0, 3) == "0.000"
    assert fixed(-0.25, 2) == "−0.25"
    assert signed(0.05) == "+0.050" and signed(0) == "0"
    assert number(10902.716) == "10,903" and number(0.012345) == "0.01235" and number(7) == "7"
    assert rank_change(5, 2) == "▲ 3" and rank_change(2, 4) == "▼ 2" and rank_change(3, 3) == "="


def test_report_is_deterministic(japan, japan_report, data, japan_html):
    assert render_profile(japan, japan_report, data=data) == japan_html


def test_us_profile_report_is_a_reasonable_size(data):
    """About 170 candidates: heatmaps and explain tables are limited, the file stays small."""
    result = score(PROFILES / "united_states.toml", data=data)
    assert len(result.scores) > 160
    # Linear methods only, to keep the test fast (non-linear stability intervals on 190
    # alternatives take tens of seconds); charts and tables per method are the same size.
    report = analyse(result, samples=300, seed=1, methods=["weighted_sum", "promethee_ii"])
    html = render_profile(result, report, data=data)
    size = len(html.encode("utf-8"))
    assert size < 2_000_000, size
    assert "The 25 alternatives with the best expected rank" in html
    assert "first 60 of" in html  # explain matrices are limited


# ------------------------------------------------------------------------------ what-if
def test_whatif_data_reproduces_the_scores(japan, japan_html):
    """The embedded matrices and leaf shares give the engine's scores at any top-level
    weights (the page's script computes the same two formulas)."""
    _, embedded = embedded_json(japan_html)
    assert embedded == json.loads(json.dumps(whatif_data(japan)))
    shares = np.array(embedded["share"])
    group = np.array(embedded["group"])
    V = japan.matrix.values[embedded["leaves"]].to_numpy(dtype=float)

    def page_scores(top):
        w = np.asarray(top, dtype=float)[group] * shares
        w = w / w.sum()
        ws = np.asarray(embedded["methods"]["weighted_sum"]["normalised"]) @ w
        m = embedded["methods"]["topsis"]
        R = np.asarray(m["normalised"])
        plus = np.sqrt(((R - m["ideal"]) ** 2) @ (w * w))
        minus = np.sqrt(((R - m["anti_ideal"]) ** 2) @ (w * w))
        return w, ws, minus / (plus + minus)

    profile_top = [c["weight"] for c in embedded["criteria"]]
    w, ws, tp = page_scores(profile_top)
    np.testing.assert_allclose(w, japan.weights.leaf_weights, rtol=1e-9)
    np.testing.assert_allclose(ws, japan.scores["weighted_sum"], rtol=1e-9)
    np.testing.assert_allclose(tp, japan.scores["topsis"], rtol=1e-9)
    assert embedded["methods"]["topsis"]["profile_ranks"] == japan.ranks["topsis"].tolist()
    other = [0.7, 0.1, 0.0, 0.2]
    w, ws, tp = page_scores(other)
    for name, ours in (("weighted_sum", ws), ("topsis", tp)):
        engine = mcda.evaluate(name, V, w, None, **dict(japan.methods[name]))
        np.testing.assert_allclose(ours, engine.scores, rtol=1e-9)


def test_whatif_uses_defaults_for_a_method_the_profile_did_not_run(data):
    result = score(PROFILES / "japan.toml", data=data, methods=["vikor"])
    embedded = whatif_data(result)
    assert set(embedded["methods"]) == {"weighted_sum", "topsis"}
    assert all(m["computed_here"] for m in embedded["methods"].values())
    V = result.matrix.values[embedded["leaves"]].to_numpy(dtype=float)
    ws = np.asarray(embedded["methods"]["weighted_sum"]["normalised"]) @ result.weights.leaf_weights
    np.testing.assert_allclose(
        ws, mcda.evaluate("weighted_sum", V, result.weights.leaf_weights, None).scores
    )


# ------------------------------------------------------------------------------ escaping
def test_hostile_strings_are_escaped_in_markup(hostile):
    _, _, html = hostile
    assert SCRIPT not in html
    assert "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<script") == html.count("</script>") == 2
    found = tags(html)
    assert not [t for t, _ in found if t in ("img", "b")]
    links = [attrs for t, attrs in found if t == "a"]
    assert links and all(list(a) == ["href"] and a["href"].startswith("#") for a in links)
    assert not [a for _, attrs in found for a in attrs if a.startswith("on")]
    # in attributes (column titles carry criterion labels) the quote cannot break out
    assert 'title="contribution of Threats &lt;script&gt;' in html
    assert "&#34;&gt;&lt;/a&gt;&lt;img" in html


def test_hostile_strings_are_escaped_in_embedded_json(hostile):
    _, _, html = hostile
    raw, embedded = embedded_json(html)
    assert "<" not in raw and ">" not in raw  # so no string can close the script element
    assert "\\u003c/script\\u003e" in raw
    labels = [c["label"] for c in embedded["criteria"]]
    assert f"Threats {HOSTILE}" in labels  # the round trip keeps the text exactly
    quad = [a["label"] for a in embedded["alternatives"] if a["id"] == "quad"]
    assert quad == [f"Quad {HOSTILE}"]


def test_hostile_strings_are_escaped_in_charts():
    svg = str(
        charts.contribution_bars(
            [f"A {HOSTILE}", "B $x^2$"],
            [f"part {SCRIPT}", "other"],
            np.array([[0.1, 0.2], [0.3, 0.1]]),
            f"title {BREAKOUT}",
        )
    )
    assert SCRIPT not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg
    assert "$x^2$" in svg  # shown literally, not parsed as mathtext
    assert 'aria-label="title &#34;&gt;&lt;/a&gt;&lt;img' in svg
    assert "http" not in svg and "xmlns" not in svg and "<!DOCTYPE" not in svg


def test_override_templates_are_autoescaped_too(hostile, data, tmp_path):
    result, report, _ = hostile
    (tmp_path / "_record.html.j2").write_text(
        '<section id="record"><h2>Custom record</h2><p>{{ question.label }}</p></section>\n',
        encoding="utf-8",
    )
    html = render_profile(result, report, data=data, templates=tmp_path)
    assert "<h2>Custom record</h2>" in html
    assert ">Reproducibility record<" not in html
    assert "<p>Japan &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT not in html


# ---------------------------------------------------------------------- template overrides
def test_template_folder_overrides_package_templates(japan, japan_report, data, tmp_path):
    (tmp_path / "report.css.j2").write_text("body { color: #123456; }\n", encoding="utf-8")
    (tmp_path / "_whatif.html.j2").write_text(
        '<section id="whatif"><p>No what-if here.</p></section>\n', encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("not a template", encoding="utf-8")
    html = render_profile(japan, japan_report, data=data, templates=tmp_path)
    assert "body { color: #123456; }" in html
    assert "--accent" not in html  # the package's style sheet was replaced
    assert "<p>No what-if here.</p>" in html and 'type="range"' not in html
    assert "<code>_whatif.html.j2</code>, <code>report.css.j2</code>" in html  # recorded
    # the rest still comes from the package
    assert ">Methods side by side<" in html


def test_missing_template_folder_is_refused(japan, data, tmp_path):
    with pytest.raises(AllianceScoreError, match="a folder of templates"):
        render_profile(japan, data=data, templates=tmp_path / "nowhere")


# ------------------------------------------------------------------------------ writing
def test_write_is_atomic(japan, data, tmp_path, monkeypatch):
    target = tmp_path / "japan.html"
    target.write_text("old report", encoding="utf-8")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("alliancescore.present.writing.os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_profile_report(japan, None, tmp_path, data=data)
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["japan.html"]
    monkeypatch.undo()
    write_profile_report(japan, None, tmp_path, data=data)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_never_written_over_an_input(data, tmp_path):
    profile = tmp_path / "japan.toml"
    profile.write_text(portable((PROFILES / "japan.toml").read_text(encoding="utf-8")), "utf-8")
    criteria = tmp_path / "criteria.toml"
    shutil.copy(CRITERIA, criteria)
    result = score(profile, criteria, data=data)
    before = profile.read_bytes(), criteria.read_bytes()
    for name in ("japan.toml", "criteria.toml"):
        with pytest.raises(AllianceScoreError, match="not one of the inputs"):
            write_profile_report(result, None, tmp_path, data=data, name=name)
    with pytest.raises(AllianceScoreError, match="outside the data folder"):
        write_profile_report(result, None, data.root / "tables", data=data)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "x.html").write_text("mine", encoding="utf-8")
    with pytest.raises(AllianceScoreError, match="not one of the inputs"):
        write_profile_report(result, None, templates, templates, data=data, name="x.html")
    assert (profile.read_bytes(), criteria.read_bytes()) == before
    assert (templates / "x.html").read_text(encoding="utf-8") == "mine"


# ---------------------------------------------------------------------------- comparison
def test_comparison_of_two_profiles(japan, data, tmp_path):
    australia = score(PROFILES / "australia.toml", data=data)
    path = write_comparison_report([japan, australia], tmp_path, data=data)
    assert path.name == "compare-japan-australia.html"
    html = path.read_text(encoding="utf-8")
    assert japan.profile.label in html and australia.profile.label in html
    assert ">Where they agree and where they differ<" in html
    common = sorted(set(japan.scores.index) & set(australia.scores.index))
    assert f"{len(common)} candidate(s) are scored by all of them" in html
    assert "Spearman" in html and "Kendall" in html
    assert html.count("<svg ") == 2  # weights and ranks across the analyses
    assert not re.search(r"""(?i)(src|href)\s*=\s*["']?\s*(https?:|//)""", html)
    for entry in [*japan.record["inputs"], *australia.record["inputs"]]:
        assert entry["sha256"] in html


def criteria_variant(folder: Path) -> Path:
    """The default criteria with the nuclear indicator removed, the defence-ties value
    function changed (and its label made hostile), and the top-level weight of shared
    threats changed (which the Japan profile's [weights] overrides)."""
    text = CRITERIA.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id = "default"$', 'id = "variant"', text, count=1)
    start = text.index('  [[criteria.indicators]]\n  id = "nuclear"')
    end = text.index("# ----", start)
    text = text[:start] + text[end:]
    old_map = '"2" = 0.15, "3" = 0.35, "4" = 0.45'
    assert old_map in text
    text = text.replace(old_map, '"2" = 0.15, "3" = 0.5, "4" = 0.55')
    old_label = 'label = "Depth of existing ties with the focal nation"'
    assert old_label in text
    text = text.replace(old_label, f"label = 'Ties {HOSTILE}'", 1)
    text = re.sub(r'(id = "shared_threats"\nlabel = ".*"\n)weight = 0.10', r"\1weight = 0.9", text)
    assert "weight = 0.9" in text
    path = folder / "variant.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_comparison_of_criteria_files_states_what_differs(japan, data, tmp_path):
    from markupsafe import escape

    same = tmp_path / "same.toml"
    text = re.sub(r'(?m)^id = "default"$', 'id = "same"', CRITERIA.read_text(encoding="utf-8"))
    same.write_text(
        text.replace('label = "Partner value for a focal nation"', 'label = "Same"', 1),
        encoding="utf-8",
    )
    results = [
        japan,
        score(PROFILES / "japan.toml", criteria_variant(tmp_path), data=data),
        score(PROFILES / "japan.toml", same, data=data),
    ]
    html = render_comparison(results, data=data)
    assert html.count("<svg ") == 2
    assert not re.search(r"""(?i)(src|href)\s*=\s*["']?\s*(https?:|//)""", html)
    section = html[
        html.index('<section id="criteria-diff">') : html.index('<section id="weights">')
    ]
    variant, identical = section.split('<div class="criteria-diff"')[1:]
    # each file is compared with the first
    assert "<h3>variant compared with default</h3>" in variant
    assert "<h3>same compared with default</h3>" in identical
    assert "1</strong> removed" in variant
    removed = variant[variant.index("<h4>Removed from default</h4>") :]
    assert "<strong>Extended nuclear deterrence</strong> (<code>nuclear</code>)" in removed
    changed = variant[variant.index('<table class="diff-changed">') :]
    changed = changed[: changed.index("</table>")]
    row = next(r for r in changed.split("<tr>") if "<td>value function</td>" in r)
    assert "3&nbsp;&rarr;&nbsp;0.35" in row and "3&nbsp;&rarr;&nbsp;0.5," in row
    assert f"Ties {escape(HOSTILE)} (<code>defence_ties</code>)" in changed
    assert HOSTILE not in html and not [t for t, _ in tags(html) if t == "img"]
    # the file's own top-level weight is named beside the profile's, which applies
    weights = variant[variant.index('<table class="diff-weights">') :]
    shared = next(r for r in weights.split("<tr>") if "<code>shared_threats</code>" in r)
    assert "The same in both analyses" in shared
    assert "local weight is 0.100 in default; 0.500 in variant" in shared
    # identical apart from id and label: one line, and nothing else
    assert "The criteria files are identical apart from the model&rsquo;s id and label" in identical
    assert "<h4>" not in identical


def test_comparison_weight_bars_show_the_applied_indicator_weights(japan, data, tmp_path):
    """Regression (issue 12): under one profile the top-level weights are the profile's, so the
    bars of two criteria files were identical; they now show every indicator's global weight."""
    from alliancescore.present.reports import comparison_context

    variant = score(PROFILES / "japan.toml", criteria_variant(tmp_path), data=data)
    context = comparison_context([japan, variant], data=data)
    weights = context["weights"]
    assert not weights["top_differ"]
    assert [r[1:] for r in weights["top"]["rows"]] == [
        [0.35] * 2,
        [0.25] * 2,
        [0.25] * 2,
        [0.15] * 2,
    ]
    rows = {r[0]: r[2:] for r in weights["indicators"]["rows"]}
    assert rows["Extended nuclear deterrence"] == [pytest.approx(0.0625), None]
    # without nuclear, capability holds 0.30 of the remaining 0.75 of deterrence (0.25)
    assert rows["Military spending (share of the world's, log scale)"] == [
        pytest.approx(0.075),
        pytest.approx(0.1),
    ]
    for ind in japan.criteria.indicators:
        applied = [r.weights.global_.get(ind.id) for r in (japan, variant)]
        assert rows[ind.label] == [None if w is None else pytest.approx(w) for w in applied]
    assert "Extended nuclear deterrence" in weights["chart"]
    assert context["criteria_differences"][0]["after"] == "variant"
    # analyses of one criteria file have no criteria section
    assert comparison_context([japan, japan], data=data)["criteria_differences"] is None


def test_comparison_needs_two_results(japan, data):
    with pytest.raises(ValueError, match="at least two"):
        render_comparison([japan], data=data)


# ---------------------------------------------------------------------------------- CLI
def test_cli_report_writes_the_profile_report(tmp_path, capsys):
    code = main(
        [
            "report",
            str(PROFILES / "south_korea.toml"),
            "--samples",
            "300",
            "--seed",
            "7",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0, capsys.readouterr().err
    html = (tmp_path / "south_korea.html").read_text(encoding="utf-8")
    assert "Weights drawn 300 times per method" in html and "seed 7)" in html
    assert "wrote" in capsys.readouterr().err


def test_cli_repeated_criteria_side_by_side(tmp_path, capsys):
    variant = tmp_path / "variant.toml"
    text = CRITERIA.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id = "default"$', 'id = "variant"', text, count=1)
    text = text.replace('label = "Partner value for a focal nation"', 'label = "Variant"', 1)
    text = re.sub(r"(?m)^(\s+)weight = 0.30$", r"\1weight = 0.9", text, count=3)
    variant.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        [
            "report",
            str(PROFILES / "japan.toml"),
            "--criteria",
            str(CRITERIA),
            "--criteria",
            str(variant),
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["compare-japan_default-japan_variant.html"]
    html = next(out.iterdir()).read_text(encoding="utf-8")
    assert "Partner value for a focal nation (default" in html and "Variant (variant" in html
    assert "<h3>variant compared with default</h3>" in html


def test_cli_refuses_bad_destinations_before_any_work(tmp_path, capsys):
    data_dir = load().root
    code = main(["report", str(PROFILES / "japan.toml"), "--out", str(data_dir / "tables")])
    assert code == 2
    assert "outside the data folder" in capsys.readouterr().err
    assert not (data_dir / "tables" / "japan.html").exists()
    code = main(["report", str(PROFILES / "japan.toml"), "--compare", "--out", str(tmp_path)])
    assert code == 2 and "at least two analyses" in capsys.readouterr().err
    code = main(["report", str(PROFILES / "japan.toml"), "--templates", str(tmp_path / "none")])
    assert code == 2 and "a folder of templates" in capsys.readouterr().err
    # a comparison draws no weights: --samples or --seed there would be ignored, so refused
    pair = [str(PROFILES / "japan.toml"), str(PROFILES / "india.toml"), "--compare"]
    code = main(["report", *pair, "--samples", "2000", "--seed", "3", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "--samples: expected no --samples or --seed with a comparison" in err
    assert "found --samples 2000 and --seed 3" in err
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------ explain
def test_explain_appendix_limits_large_tables(japan, data):
    context = profile_context(japan, None, data=data, limits=Limits(explain_rows=5, pairwise=4))
    promethee = next(e for e in context["explain"] if e["method"] == "promethee_ii")
    pi = next(m for m in promethee["matrices"] if m["name"] == "pi")
    assert (pi["shown"], pi["total"]) == (4, len(japan.scores))
    assert len(pi["table"]["columns"]) == 5 and len(pi["table"]["rows"]) == 4
    flows = next(m for m in promethee["matrices"] if m["name"] == "single_criterion_flows")
    assert len(flows["table"]["rows"]) == 5
    assert len(promethee["per_alternative"]["rows"]) == len(japan.scores)
    assert context["sensitivity"] is None


def test_explain_tables_are_labelled_even_with_as_many_alternatives_as_indicators(japan):
    """Axes come from each method's declarations (issue 13): with 12 alternatives and 12
    indicators the appendix used to label nothing, guessing axes from shapes."""
    import dataclasses

    from alliancescore.analysis.validation import analyst_params
    from alliancescore.present.explain import method_tables
    from alliancescore.present.reports.sections.explain import explain as _explain

    leaves = list(japan.weights.leaves)
    keep = list(japan.scores.index[: len(leaves)])
    V = japan.matrix.values.loc[keep]
    w = japan.weights.leaf_weights
    tables = {
        m: dict(mcda.evaluate(m, V[leaves].to_numpy(), w, **analyst_params(m, p)).tables)
        for m, p in japan.methods.items()
    }
    square = dataclasses.replace(
        japan,
        matrix=dataclasses.replace(japan.matrix, values=V),
        scores=japan.scores.loc[keep],
        ranks=japan.ranks.loc[keep],
        tables=tables,
    )
    explained = {e["method"]: e for e in _explain(square, Limits())}
    topsis = explained["topsis"]
    assert not topsis["unlabelled"]
    labels = {i.id: i.label for i in japan.criteria.indicators}
    normalised = next(t for t in topsis["matrices"] if t["name"] == "normalised")
    assert [c["name"] for c in normalised["table"]["columns"][1:]] == [labels[j] for j in leaves]
    assert len(normalised["table"]["rows"]) == len(keep) and normalised["caption"]
    assert [c["name"] for c in topsis["per_alternative"]["columns"]] == [
        "alternative",
        "d_plus",
        "d_minus",
    ]
    assert [c["name"] for c in topsis["per_indicator"]["columns"]][:3] == [
        "indicator",
        "ideal",
        "anti_ideal",
    ]
    assert all(c["title"] for c in topsis["per_indicator"]["columns"][1:])  # captions
    # the notebook view: pandas objects labelled by id, captions attached
    frames = method_tables(square, "topsis")
    assert list(frames["normalised"].columns) == leaves
    assert list(frames["d_plus"].index) == keep
    assert frames["ideal"].attrs["caption"]


# ------------------------------------------------------------------------------ backtest
def test_backtest_section_from_json(japan, data, tmp_path):
    figures = tmp_path / "backtest"
    figures.mkdir()
    doc = {
        "window": {"year": 2000, "horizon": 10, "labels": [2001, 2010]},
        "criteria": {"id": "default", "version": "test"},
        "counts": {"pairs_evaluated": 100, "new_pacts": 7},
        "rules": {"outcomes": "a pair is positive when it forms a pact"},
        "metrics": [
            {"scorer": "model", "variant": "all", "pooled_auc": 0.8, "base_rate": 0.07},
            {"scorer": "random", "variant": "all", "pooled_auc": 0.5, "base_rate": 0.07},
        ],
        "roc": {
            "model": {"all": {"fpr": [0, 0.2, 1], "tpr": [0, 0.7, 1]}},
            "random": {"all": {"fpr": [0, 1], "tpr": [0, 1]}},
            "distance": {"all": {"fpr": [0, 1], "tpr": [None, None]}},  # no positives
        },
        "deciles": [
            {
                "scorer": "model",
                "variant": "all",
                "decile": d,
                "n": 10,
                "positives": d // 3,
                "rate": d / 30,
                "lift": d / 21,
            }
            for d in range(1, 11)
        ],
        "record": {"command": ["alliancescore", "backtest", "--year", "2000"]},
    }
    (figures / "backtest_2000_2010.json").write_text(json.dumps(doc), encoding="utf-8")
    (figures / "broken.json").write_text("{not json", encoding="utf-8")
    other = dict(doc, criteria={"id": "another"})
    (figures / "other_model.json").write_text(json.dumps(other), encoding="utf-8")
    windows = load_backtest(figures, "default")
    assert [w.get("title", w["name"]) for w in windows] == [
        "2000: new pacts 2001-2010",
        "broken.json",
    ]
    assert "error" in windows[1]
    html = render_profile(japan, None, data=data, backtest=figures)
    assert ">Backtest of the criteria model<" in html
    assert "model (AUC 0.800)" in html and "random (AUC 0.500)" in html
    assert "distance (AUC" not in html  # a curve without positives is not drawn
    assert "broken.json: not read" in html
    assert "another" not in html
    assert load_backtest(tmp_path / "absent") == []
    # Drawn once per process and reused (every profile's report shows the same files), and
    # drawn anew when the file changes: here the model's AUC.
    assert load_backtest(figures, "default")[0] == windows[0]
    doc["metrics"][0]["pooled_auc"] = 0.7
    (figures / "backtest_2000_2010.json").write_text(json.dumps(doc), encoding="utf-8")
    again = load_backtest(figures, "default")[0]
    assert "model (AUC 0.700)" in again["roc"] and "model (AUC 0.800)" not in again["roc"]


def test_the_data_notes_list_a_rivalry_override_with_its_source(data):
    # the shipped Ukraine profile records Georgia-Russia, which no rivalry data set codes
    ukraine = score(PROFILES / "ukraine.toml", data=data, command=["alliancescore", "test"])
    html = render_profile(ukraine, analyse(ukraine, samples=200, seed=1), data=data)
    row = re.search(r"<td>rivalry: GEO with RUS, from 2008</td>\s*<td>yes</td><td>([^<]*)", html)
    assert row, "no rivalry row in the data notes"
    assert row.group(1).startswith("Independent International Fact-Finding Mission")
