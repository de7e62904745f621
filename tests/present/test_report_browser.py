"""The HTML reports in a real headless browser: Debian's chromium driven by Playwright.

Reports are written from the demo profiles by the functions the demo uses (fewer weight
draws, to stay fast). Opened from a file: every request and console message is recorded;
the only request allowed is the file itself. The what-if sliders are moved with the
keyboard, as a reader would, and the ranking the page computes is compared with the
engine's at the same weights. Needs /usr/bin/chromium (``make browser`` installs it; CI runs
``make test``, which does); without it, or without the playwright package, the test is
skipped with the reason. Playwright's own browser download is never used.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from test_reports import HOSTILE, criteria_variant, write_hostile_inputs

from alliancescore import mcda
from alliancescore.analysis.group import analyse_group, team_smaa
from alliancescore.analysis.robustness import analyse
from alliancescore.analysis.scoring import score
from alliancescore.data import load
from alliancescore.present.reports import write_comparison_report, write_profile_report
from alliancescore.shipped import backtest_results, package_root
from engine_profiles import electre_bwm

ROOT = Path(__file__).resolve().parents[2]
PROFILES = package_root() / "profiles"
CHROMIUM = os.environ.get("ALLIANCESCORE_CHROMIUM", "/usr/bin/chromium")
# As root in a sandbox with no network: no sandbox, no GPU, and none of Chromium's own
# background connections (which this machine refuses).
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = ROOT / "reports" / "out" / "report-browser-japan.png"
pytestmark = pytest.mark.browser

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the playwright package is not installed (pip install -e '.[test]')",
)
if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    pytest.skip(
        f"Debian's chromium is not installed at {CHROMIUM}: run 'make browser' "
        "(or apt-get install -y chromium)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The Japan profile report, a comparison of Japan, Australia and India, a report of a
    profile full of hostile strings, one of ELECTRE III and BWM and one of a team of analysts
    (japan_team, with its analysis.group under "team_group")."""
    out = tmp_path_factory.mktemp("reports")
    data = load()
    results = {
        name: score(PROFILES / f"{name}.toml", data=data)
        for name in ("japan", "australia", "india")
    }
    japan = results["japan"]
    report = analyse(japan, samples=1000)
    paths = {
        "japan": write_profile_report(japan, report, out, data=data, backtest=backtest_results()),
        "compare": write_comparison_report(list(results.values()), out, data=data),
    }
    elsewhere = out / "hostile"  # its profile id is "japan" too
    elsewhere.mkdir()
    hostile = score(write_hostile_inputs(elsewhere), data=data)
    paths["hostile"] = write_profile_report(
        hostile, analyse(hostile, samples=200, methods=["weighted_sum"]), elsewhere, data=data
    )
    assert paths["hostile"] != paths["japan"]
    outranking = out / "outranking"
    outranking.mkdir()
    electre = score(electre_bwm(outranking), data=data)
    paths["electre"] = write_profile_report(
        electre, analyse(electre, samples=300), outranking, data=data
    )
    team = score(PROFILES / "japan_team.toml", data=data)
    group = analyse_group(team)
    paths["japan_team"] = write_profile_report(
        team,
        analyse(team, samples=300),
        out,
        data=data,
        group=group,
        team=team_smaa(group, team, samples=300, seed=1, concentration=40),
    )
    paths["team_group"] = group
    return paths, japan


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=ARGS,
        )
        yield browser
        browser.close()


class Opened:
    """A page with every request, console message, page error and dialog recorded."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url, wait_until="load")

    def check_quiet(self) -> None:
        assert self.requests == [self.url], self.requests
        assert not [c for c in self.console if c[0] in ("error", "warning")], self.console
        assert self.errors == []
        assert self.dialogs == []

    def close(self) -> None:
        self.context.close()


def _order(page, method: str) -> list[str]:
    return page.get_attribute(f"tbody[data-method={method}]", "data-order").split()


def _engine_ranks(result, method: str, top: list[float]) -> dict[str, int]:
    """The engine's ranks at these top-level weights (each indicator keeps its share)."""
    paths = result.criteria.paths()
    ids = [c.id for c in result.criteria.criteria]
    top = np.asarray(top, dtype=float) / np.sum(top)
    leaves = list(result.weights.leaves)
    w = np.array(
        [
            top[ids.index(paths[leaf][0])]
            * result.weights.global_[leaf]
            / result.weights.global_[paths[leaf][0]]
            for leaf in leaves
        ]
    )
    V = result.matrix.values[leaves].to_numpy(dtype=float)
    ranks = mcda.evaluate(method, V, w, None, **dict(result.methods[method])).ranks
    return dict(zip(result.matrix.values.index, ranks.tolist(), strict=True))


def _agrees(order: list[str], ranks: dict[str, int]) -> bool:
    """The page's order is best-first under the engine's ranks (ties in any order)."""
    return sorted(order) == sorted(ranks) and all(
        ranks[a] <= ranks[b] for a, b in itertools.pairwise(order)
    )


def test_profile_report_works_offline_and_sliders_rerank(written, browser):
    paths, japan = written
    opened = Opened(browser, paths["japan"])
    page = opened.page
    try:
        page.wait_for_selector(".whatif[data-ready=true]", state="attached")
        # At the profile's weights the page reproduces the engine's ranking.
        start = {m: _order(page, m) for m in ("weighted_sum", "topsis")}
        for method, order in start.items():
            assert page.get_attribute(f"tbody[data-method={method}]", "data-changed") == "0"
            assert _agrees(order, japan.ranks[method].to_dict())
        status = page.text_content("[data-role=status]")
        assert status == "Same ranking as the profile's weights."
        rows = page.locator("tbody[data-method=weighted_sum] tr")
        assert rows.count() == 15
        first = rows.first.locator("td").nth(1).text_content()
        leader = japan.ranks["weighted_sum"].idxmin()
        assert first == japan.matrix.alternatives.loc[leader, "label"]

        # A reader moves sliders with the keyboard: regional stability to 100%, deterrence
        # to 0%; the others keep their slider positions.
        sliders = page.locator(".whatif input[type=range]")
        assert sliders.count() == len(japan.criteria.criteria)
        sliders.nth(3).focus()
        page.keyboard.press("End")
        sliders.nth(2).focus()
        page.keyboard.press("Home")
        values = [float(sliders.nth(k).input_value()) for k in range(sliders.count())]
        assert values[3] == 100 and values[2] == 0
        moved = {m: _order(page, m) for m in start}
        for method in start:
            assert moved[method] != start[method], f"{method}: the ranking did not change"
            assert _agrees(moved[method], _engine_ranks(japan, method, values))
            changed = int(page.get_attribute(f"tbody[data-method={method}]", "data-changed"))
            assert changed > 0
        assert "change rank" in page.text_content("[data-role=status]")
        assert "100%" not in page.text_content("output[data-criterion=regional_stability]")

        # Showing every alternative, then resetting, restores the profile's ranking.
        page.select_option("select[data-role=limit]", "0")
        assert rows.count() == len(japan.scores)
        page.click("button[data-role=reset]")
        assert {m: _order(page, m) for m in start} == start
        assert page.text_content("[data-role=status]") == "Same ranking as the profile's weights."

        # Sortable tables: sort the ranking by alternative name, then back by rank.
        table = page.locator("table.ranking")
        header = table.locator("thead th", has_text="alternative").first
        header.click()
        names = table.locator("tbody tr td:nth-child(2)").all_text_contents()
        assert names == sorted(names, key=str.lower)
        assert header.get_attribute("aria-sort") == "ascending"
        header.click()
        assert header.get_attribute("aria-sort") == "descending"
        assert table.locator("tbody tr td:nth-child(2)").all_text_contents() == names[::-1]

        assert "<script>" not in page.text_content("#ranking")  # the real Japan report
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.select_option("select[data-role=limit]", "10")
        page.evaluate("document.getElementById('whatif').scrollIntoView()")
        page.screenshot(path=str(SCREENSHOT))
        assert SCREENSHOT.stat().st_size > 10_000

        # Printing opens every collapsed section (explain appendix, indicator intervals).
        closed = "Array.from(document.querySelectorAll('details')).filter(d => !d.open).length"
        assert page.evaluate(closed) > 0
        page.pdf()
        assert page.evaluate(closed) == 0
        opened.check_quiet()
    finally:
        opened.close()


def test_comparison_report_works_offline(written, browser):
    paths, _ = written
    opened = Opened(browser, paths["compare"])
    try:
        page = opened.page
        assert page.locator("svg.chart").count() == 2
        assert page.locator("#common table.sortable tbody tr").count() > 5
        opened.check_quiet()
    finally:
        opened.close()


def test_criteria_comparison_states_differences_offline(tmp_path, browser):
    """Two criteria files side by side: the differences are shown as text, a hostile label
    in a changed node stays text, and the page makes no request."""
    data = load()
    results = [
        score(PROFILES / "japan.toml", criteria, data=data)
        for criteria in (None, criteria_variant(tmp_path))
    ]
    opened = Opened(browser, write_comparison_report(results, tmp_path, data=data))
    try:
        page = opened.page
        assert page.locator("svg.chart").count() == 2
        section = page.locator("#criteria-diff")
        assert "Extended nuclear deterrence" in section.locator("ul.diff-removed").text_content()
        changed = section.locator("table.diff-changed th[scope=row]").all_text_contents()
        assert changed == [f"Ties {HOSTILE} (defence_ties)"]
        assert page.locator("img").count() == 0
        opened.check_quiet()
    finally:
        opened.close()


def test_hostile_strings_stay_text(written, browser):
    paths, _ = written
    opened = Opened(browser, paths["hostile"])
    try:
        page = opened.page
        page.wait_for_selector(".whatif[data-ready=true]", state="attached")
        assert page.text_content("h1") == f"Japan {HOSTILE}"
        assert page.locator("img").count() == 0
        labels = page.locator(".whatif label").all_text_contents()
        assert f"Threats {HOSTILE}" in labels
        quad = page.locator("tbody[data-method=weighted_sum] tr[data-alternative=quad] td")
        assert quad.nth(1).text_content() == f"Quad {HOSTILE}"
        opened.check_quiet()  # includes: no alert dialog ever opened
    finally:
        opened.close()


def test_outranking_relations_and_gaia_plane_show_offline(written, browser):
    """A profile with BWM weights, ELECTRE III and PROMETHEE I: the relation section and the
    GAIA plane are on the page, visible, reachable from the navigation, and drawn."""
    paths, _ = written
    opened = Opened(browser, paths["electre"])
    try:
        page = opened.page
        page.click("nav a[href='#relations']")
        section = page.locator("#relations")
        assert section.is_visible()
        electre = page.locator("#relation-electre_iii")
        assert electre.locator("h3").text_content().startswith("electre_iii: ")
        assert "thresholds are in value units" in electre.text_content()
        matrix = electre.locator("table.relation-matrix")
        rows = matrix.locator("tbody tr")
        assert rows.count() == 12  # every alternative of the profile (fewer than the limit)
        cells = matrix.locator("tbody td").all_text_contents()
        assert set(cells) - {""} - set(rows.locator("td:first-child").all_text_contents()) <= {
            "≻",
            "≺",
            "~",
            "?",
        }
        assert "?" in cells  # ELECTRE III leaves some pairs incomparable here
        assert electre.locator("h4", has_text="Incomparable pairs").is_visible()
        gaia = page.locator("#gaia-promethee_i svg.chart")
        gaia.scroll_into_view_if_needed()
        assert gaia.is_visible()
        assert gaia.get_attribute("aria-label") == "GAIA plane of promethee_i"
        box = gaia.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 250
        assert "pi (decision axis)" in gaia.text_content()
        assert page.locator("#relation-promethee_i svg.chart").count() == 1  # shares heatmap
        opened.check_quiet()
    finally:
        opened.close()


def test_team_report_shows_the_group_section_offline(written, browser):
    """japan_team: the analysts' section is reachable from the navigation and drawn, its
    weights chart has an accessible name, its ranks are the analysts', and the page makes no
    request."""
    paths, _ = written
    group = paths["team_group"]
    opened = Opened(browser, paths["japan_team"])
    try:
        page = opened.page
        page.click("nav a[href='#group']")
        section = page.locator("#group")
        assert section.is_visible()
        assert section.locator("h2").text_content().startswith("Several analysts")
        chart = section.locator("svg.chart")
        assert chart.count() == 1
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        assert chart.get_attribute("aria-label") == (
            "Top-level weights of each analyst and of the group"
        )
        box = chart.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150
        for name in group.labels.values():
            assert name in chart.text_content()
        rows = section.locator("table.group-ranks tbody tr")
        assert rows.count() == len(group.spread)
        first = group.spread.index[0]
        cells = rows.first.locator("td").all_text_contents()
        assert cells[1:5] == [
            "1",
            *[str(int(group.ranks[group.method].loc[first, a])) for a in group.labels],
        ]
        assert section.locator("h3", has_text="Over the whole team").is_visible()
        opened.check_quiet()
    finally:
        opened.close()


def test_study_report_works_offline_and_its_tables_sort(tmp_path, browser):
    """The study report of a hand-built study folder (``tests/study_folders.py``): no request
    but the file, no console error, the charts drawn, a hostile alternative id as text, and
    the overview sorts by a column."""
    pytest.importorskip("pyarrow")
    from alliancescore.study.report import write_study_report
    from study_folders import HOSTILE_ID, write_study_folder

    report = write_study_report(write_study_folder(tmp_path / "out"), data=load())
    opened = Opened(browser, report.html)
    try:
        page = opened.page
        assert page.locator("svg.chart").count() == 2
        assert page.locator("img").count() == 0
        assert HOSTILE_ID in page.text_content("#focal-SVK")
        table = page.locator("table.study-overview")
        header = table.locator("thead th", has_text="2010")
        header.click()
        assert header.get_attribute("aria-sort") == "ascending"
        assert table.locator("tbody tr td:first-child a").all_text_contents() == [
            "Slovakia",
            "Poland",
        ]  # DEU before USA
        opened.check_quiet()
    finally:
        opened.close()
