"""The reports' group section (issue 17): a profile with ``[[analysts]]`` shows each analyst's
weights and ranking, the agreement figures, the aggregation and the team's rank
acceptability, all read from :mod:`alliancescore.analysis.group`; a profile without analysts
has no such section; the comparison shows each team's W and first choices."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape
from test_reports import CRITERIA, HOSTILE, PROFILES, SCRIPT, tags

from alliancescore import mcda
from alliancescore.analysis.group import analyse_group, team_smaa
from alliancescore.analysis.robustness import analyse
from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.present.reports import profile_context, render_comparison, render_profile
from alliancescore.present.reports.format import fixed, pct
from shipped_copies import portable

TEAM = PROFILES / "japan_team.toml"


@pytest.fixture(scope="module")
def data():
    return load()


@pytest.fixture(scope="module")
def team_result(data):
    return score(TEAM, data=data, command=["alliancescore", "test"])


@pytest.fixture(scope="module")
def team_group(team_result):
    return analyse_group(team_result)


@pytest.fixture(scope="module")
def team_runs(team_result, team_group):
    report = analyse(team_result, samples=300, seed=5)
    over_team = team_smaa(team_group, team_result, samples=300, seed=5, concentration=40)
    return report, over_team


@pytest.fixture(scope="module")
def team_html(team_result, team_group, team_runs, data):
    report, over_team = team_runs
    return render_profile(team_result, report, data=data, group=team_group, team=over_team)


class Tables(HTMLParser):
    """The cells' text of every table whose class includes ``cls``, row by row (header
    row first)."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls, self.inside, self.rows = cls, False, []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and self.cls in (dict(attrs).get("class") or "").split():
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, text):
        if self.cell is not None:
            self.cell.append(text)


def table_rows(html: str, cls: str) -> list[list[str]]:
    parser = Tables(cls)
    parser.feed(html)
    return parser.rows


def test_team_report_has_the_group_section(team_result, team_group, team_html):
    html = team_html
    assert '<section id="group">' in html and '<a href="#group">Analysts</a>' in html
    assert ">Several analysts: where they agree and where they split<" in html
    # the aggregation used, with the registry's validity line for every aggregation
    assert "<strong>aip_geometric (used here)</strong>" in html
    for name in mcda.GROUP_AGGREGATIONS:
        assert str(escape(mcda.GROUP_AGGREGATIONS[name].summary)) in html
    # Kendall's W per method, as analysis.group computed it
    concordance = table_rows(html, "group-w")
    assert [r[:2] for r in concordance[1:]] == [
        [m, fixed(w, 3)] for m, w in team_group.concordance.items()
    ]
    # each analyst's AHP consistency where they judged by pairs (regional_desk, two nodes)
    own = team_result.group.own["regional_desk"]
    assert f"top-level criteria: {fixed(own[''][1]['cr'], 3)} (max 0.1)" in html
    assert f"Shared threats: {fixed(own['shared_threats'][1]['cr'], 3)} (max 0.1)" in html
    # the grouped-bar chart of the top-level weights, with its accessible name
    assert 'aria-label="Top-level weights of each analyst and of the group"' in html
    # agreed and split candidates, by label
    labels = team_result.matrix.alternatives["label"]
    callouts = html[html.index('id="group"') :]
    for alt in (*team_group.agreed, *team_group.split):
        assert str(escape(labels[alt])) in callouts


def test_group_ranks_are_analysis_group_ranks(team_result, team_group, team_html):
    ids = list(team_group.labels)
    method = team_group.method
    rows = table_rows(team_html, "group-ranks")
    header, body = rows[0], rows[1:]
    assert header == [
        "alternative",
        "group",
        *[team_group.labels[a] for a in ids],
        "best",
        "worst",
        "range",
    ]
    labels = team_result.matrix.alternatives["label"]
    expected = [
        [
            str(labels[alt]),
            str(int(team_result.ranks.loc[alt, method])),
            *[str(int(team_group.ranks[method].loc[alt, a])) for a in ids],
            str(int(row["best"])),
            str(int(row["worst"])),
            str(int(row["range"])),
        ]
        for alt, row in team_group.spread.iterrows()
    ]
    assert body == expected
    assert len(body) == len(team_result.scores)


def test_group_context_weights_and_team_view(team_result, team_group, team_runs, data):
    report, over_team = team_runs
    section = profile_context(team_result, report, data=data, group=team_group, team=over_team)[
        "group"
    ]
    ids = list(team_group.labels)
    # top-level weights: analysts then the group, per criterion
    for row, c in zip(section["weights"]["rows"], team_group.weights.columns, strict=True):
        assert row[1:] == pytest.approx(team_group.weights.loc[[*ids, "group"], c].tolist())
    # per node: only the analysts who judged it, their own shares
    nodes = {n["label"]: n for n in section["nodes"]}
    deterrence = nodes["Deterrence value"]
    assert deterrence["judges"] == ["Capabilities office"] and deterrence["aggregation"] == "alone"
    own = team_result.group.own["capabilities_office"]["deterrence"][0]
    assert [r[1] for r in deterrence["table"]["rows"]] == pytest.approx(list(own.values()))
    # the team's rank acceptability beside the aggregated run, first method, group's leaders
    team = section["team"]
    method = team_group.method
    first = team_group.spread.index[0]
    row = team["table"]["rows"][0]
    assert row[2] == over_team.acceptability[method].loc[first, 1]
    assert row[5] == report.acceptability[method].loc[first, 1]
    assert team["samples"] == 300 and team["around"]


def test_team_view_in_the_html(team_group, team_runs, team_html):
    _, over_team = team_runs
    assert ">Over the whole team<" in team_html
    assert "Weights drawn 300 times (mixture over 3 analysts" in team_html
    first = team_group.spread.index[0]
    share = over_team.acceptability[team_group.method].loc[first, 1]
    assert f">{pct(share)}<" in team_html


def test_without_the_team_run_there_is_no_team_view(team_result, data):
    html = render_profile(team_result, None, data=data)  # group analysed in the context
    assert '<section id="group">' in html
    assert "Over the whole team" not in html


def test_profile_without_analysts_has_no_group_section(data):
    japan = score(PROFILES / "japan.toml", data=data)
    html = render_profile(japan, None, data=data)
    assert 'id="group"' not in html and 'href="#group"' not in html
    assert "Several analysts" not in html
    assert profile_context(japan, data=data)["group"] is None


def test_a_group_analysis_of_another_result_is_refused(team_result, data):
    other = score(PROFILES / "japan_team.toml", data=data, analyst="policy_lead")
    assert profile_context(other, data=data)["group"] is None  # one analyst alone
    with pytest.raises(ValueError, match="another result"):
        profile_context(score(PROFILES / "japan.toml", data=data), group=analyse_group(team_result))


def test_analyst_labels_and_notes_are_escaped(tmp_path, data):
    text = portable(TEAM.read_text(encoding="utf-8"))
    text = text.replace('criteria = "../criteria/default.toml"', f"criteria = '{CRITERIA}'")
    for name in ("Regional desk", "Policy lead"):
        assert f'label = "{name}"' in text
        text = text.replace(f'label = "{name}"', f"label = '{name} {HOSTILE}'", 1)
    text = re.sub(r'(?m)^note = "Counts what.*"$', f"note = '{HOSTILE}'", text, count=1)
    path = tmp_path / "team_hostile.toml"
    path.write_text(text, encoding="utf-8")
    result = score(path, data=data)
    html = render_profile(result, None, data=data)
    start = html.index('<section id="group">')
    section = html[start : html.index("</section>", start)]
    assert SCRIPT not in html and "<img" not in html
    for label in result.group.analysts:
        assert str(escape(label.label)) in section, label.label
    assert section.count(str(escape(HOSTILE))) >= 2 * 3 + 1  # analysts, weights, ranks, note
    assert not [t for t, _ in tags(html) if t == "img"]


def test_comparison_shows_each_teams_w_and_first_choices(team_result, team_group, data):
    japan = score(PROFILES / "japan.toml", data=data)
    html = render_comparison([japan, team_result], data=data)
    assert '<section id="analysts">' in html and '<a href="#analysts">Analysts</a>' in html
    method = "weighted_sum"
    assert f"({method}): <strong>{fixed(team_group.concordance[method], 3)}</strong>" in html
    labels = team_result.matrix.alternatives["label"]
    section = html[html.index('<section id="analysts">') :]
    for a, name in team_group.labels.items():
        first = labels[team_group.top.loc[a, method]]
        assert f"<td>{escape(name)}</td>" in section
        assert f"<td>{escape(first)}</td>" in section
    australia = score(PROFILES / "australia.toml", data=data)
    assert 'id="analysts"' not in render_comparison([japan, australia], data=data)


def test_cli_report_of_a_team_profile(tmp_path, capsys):
    code = main(["report", str(TEAM), "--samples", "300", "--seed", "7", "--out", str(tmp_path)])
    assert code == 0, capsys.readouterr().err
    html = (tmp_path / "japan_team.html").read_text(encoding="utf-8")
    assert '<section id="group">' in html
    team = re.search(r"<p>Weights drawn 300 times \(mixture over 3 analysts.*?</p>", html, re.S)
    assert team and "seed 7)" in team.group(0)
    code = main(
        ["report", str(PROFILES / "japan.toml"), str(TEAM), "--compare", "--out", str(tmp_path)]
    )
    assert code == 0, capsys.readouterr().err
    assert '<section id="analysts">' in (tmp_path / "compare-japan-japan_team.html").read_text(
        encoding="utf-8"
    )
