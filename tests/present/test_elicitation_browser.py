"""The elicitation page in a real headless browser: Debian's chromium driven by Playwright.

The page is opened from disk with every request routed through a handler that lets the file
itself through and aborts (and records) anything else. Judgments are given at every node as an
analyst would (a select per pair, points per child); the consistency ratio, weights and
triad the page shows are compared with the Python AHP (``alliancescore.mcda``) on the same
judgments, and the exported ``[[analysts]]`` block is parsed with tomllib and compared with
the judgments given. Skipped with the reason without /usr/bin/chromium or playwright, like
``test_report_browser.py``, whose launch settings it shares.
"""

from __future__ import annotations

import itertools
import math
import shutil
import tomllib
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from elicit_format import cell, check_analysts_block
from test_elicitation import write_nested
from test_report_browser import ARGS, CHROMIUM, sync_api
from test_reports import HOSTILE, write_hostile_inputs

from alliancescore import mcda
from alliancescore.model.criteria import load_criteria
from alliancescore.present.elicitation import SCALE, scale_text, write_elicitation
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable

PROFILES = package_root() / "profiles"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=ARGS,
        )
        yield browser
        browser.close()


class Page:
    """The page opened from disk; any request but the file itself is aborted and recorded,
    as are console messages, page errors and dialogs."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.url = path.resolve().as_uri()
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

        def route(r):
            if r.request.url == self.url:
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_selector("html[data-elicit-ready=true]", state="attached")

    def check_quiet(self) -> None:
        assert self.blocked == [], self.blocked
        assert self.requests == [self.url], self.requests
        assert not [c for c in self.console if c[0] in ("error", "warning")], self.console
        assert self.errors == [] and self.dialogs == []

    def node(self, node_id: str):
        return self.page.locator(f"section.elicit-node[data-id={node_id!r}]".replace("'", '"'))

    def close(self) -> None:
        self.context.close()


def section(page, index: int):
    return page.locator(f"section.elicit-node[data-node='{index}']")


def give_judgments(node, judgments: dict[tuple[int, int], Fraction]) -> None:
    for (i, j), value in judgments.items():
        node.locator(f"select[data-i='{i}'][data-j='{j}']").select_option(scale_text(value))


def matrix_of(n: int, judgments: dict[tuple[int, int], Fraction]) -> list[list[Fraction]]:
    A = [[Fraction(1)] * n for _ in range(n)]
    for (i, j), value in judgments.items():
        A[i][j], A[j][i] = value, 1 / value
    return A


def worst_triad(A: np.ndarray) -> tuple[int, int, int]:
    """The triad i < j < k maximising |ln(a_ij a_jk / a_ik)| (first of ties, by order)."""
    n = len(A)
    scores = {
        (i, j, k): abs(math.log(A[i, j] * A[j, k] / A[i, k]))
        for i, j, k in itertools.combinations(range(n), 3)
    }
    best = max(scores.values())
    return next(t for t, s in scores.items() if s > best - 1e-12)


def check_ahp_node(node, A: list[list[Fraction]]) -> None:
    """The page's CR (shown and underlying), weights and triad equal the Python AHP's."""
    M = np.array([[float(v) for v in row] for row in A])
    python = mcda.weights("ahp", M)
    cr = python.diagnostics["cr"]
    output = node.locator("output[data-role=cr]")
    assert abs(float(output.get_attribute("data-cr")) - cr) <= 1e-9
    assert output.text_content() == f"{cr:.3f}"
    shown = [
        float(o.get_attribute("data-weight"))
        for o in node.locator("output[data-role=weight]").all()
    ]
    np.testing.assert_allclose(shown, python.weights, rtol=0, atol=1e-9)
    texts = node.locator("output[data-role=weight]").all_text_contents()
    assert texts == [f"{100 * w:.1f}%" for w in python.weights]
    if len(A) >= 3 and cr > 1e-9:
        triad = node.locator("[data-role=triad]").get_attribute("data-triad")
        assert tuple(int(x) for x in triad.split()) == worst_triad(M)


def test_default_tree_judged_exported_and_offline(browser, tmp_path):
    model = load_criteria(default_criteria())
    path = write_elicitation(None, tmp_path / "elicit.html", analyst_id="desk")
    opened = Page(browser, path)
    page = opened.page
    rng = np.random.default_rng(17)
    try:
        given_ahp: dict[str, list[list[Fraction]]] = {}
        nodes = [("goal", [c.id for c in model.criteria])] + [
            (c.id, [k.id for k in c.children]) for c in model.criteria
        ]
        assert page.locator("section.elicit-node").count() == len(nodes)
        for index, (node_id, children) in enumerate(nodes):
            node = section(page, index)
            assert node.get_attribute("data-id") == node_id
            n = len(children)
            if node_id == "deterrence":  # swing weights at one node
                node.locator("input[data-role=scheme][value=swing]").check()
                points = [40, 100, 12.5]
                for k, p in enumerate(points):
                    node.locator(f"input[data-role=points][data-child='{k}']").fill(str(p))
                shown = [
                    float(o.get_attribute("data-weight"))
                    for o in node.locator("output[data-role=weight]").all()
                ]
                np.testing.assert_allclose(shown, np.array(points) / sum(points), atol=1e-12)
                continue
            if node_id == "goal":  # the format file's example: CR about 0.016
                A = [[Fraction(1), 3, 2, 5], [0, 1, Fraction(1, 2), 2], [0, 0, 1, 3], [0] * 4]
                judgments = {(i, j): Fraction(A[i][j]) for i in range(4) for j in range(i + 1, 4)}
            else:  # random judgments on the scale: inconsistent, most of them
                judgments = {
                    (i, j): SCALE[rng.integers(len(SCALE))]
                    for i in range(n)
                    for j in range(i + 1, n)
                }
            give_judgments(node, judgments)
            given_ahp[node_id] = matrix_of(n, judgments)
            check_ahp_node(node, given_ahp[node_id])
        top_cr = float(section(page, 0).locator("output[data-role=cr]").get_attribute("data-cr"))
        assert 0 < top_cr <= 0.1
        assert "acceptable" in section(page, 0).locator("[data-role=verdict]").text_content()

        # The analyst's details (a label with quotes, a backslash and markup) and the export.
        page.fill("[data-role=analyst-id]", "regional_desk")
        label = 'Regional "desk" \\ <b>east</b>'
        page.fill("[data-role=analyst-label]", label)
        page.fill("[data-role=analyst-weight]", "2.5")
        page.click("button[data-role=export]")
        text = page.input_value("textarea[data-role=export-text]")
        block = check_analysts_block(tomllib.loads(text), model)
        assert (block["id"], block["label"], block["weight"]) == ("regional_desk", label, 2.5)
        assert block["weights"]["scheme"] == "ahp"
        assert block["weights"]["matrix"][0] == [1, 3, 2, 5]
        assert block["weights"]["matrix"][3] == ["1/5", "1/2", "1/3", 1]
        assert set(block["nodes"]) == {c.id for c in model.criteria}  # all judged
        for node_id, A in given_ahp.items():
            table = block["weights"] if node_id == "goal" else block["nodes"][node_id]
            assert [[cell(v) for v in row] for row in table["matrix"]] == A, node_id
        assert block["nodes"]["deterrence"] == {
            "scheme": "swing",
            "values": {"capability": 40, "capability_at_theatre": 100, "nuclear": 12.5},
        }
        state = page.get_attribute("[data-role=export-status]", "data-state")
        assert state == "warned"  # random judgments are inconsistent somewhere

        # The download is the same text, named after the analyst, and fetches nothing.
        with page.expect_download() as download:
            page.click("a[data-role=download]")
        assert download.value.suggested_filename == "regional_desk.toml"
        assert Path(download.value.path()).read_text(encoding="utf-8") == text
        opened.check_quiet()
    finally:
        opened.close()


def test_only_judged_nodes_are_exported_and_odd_ids_are_quoted(browser, tmp_path):
    model = load_criteria(write_nested(tmp_path))
    path = write_elicitation(model.path, tmp_path / "nested.html")
    opened = Page(browser, path)
    page = opened.page
    try:
        page.click("button[data-role=export]")
        untouched = tomllib.loads(page.input_value("textarea[data-role=export-text]"))
        block = check_analysts_block(untouched, model)
        assert "nodes" not in block  # nothing judged below the top level
        assert block["weights"]["matrix"] == [[1, 1], [1, 1]]

        hard = section(page, 2)
        assert hard.get_attribute("data-id") == "hard power"
        give_judgments(hard, {(0, 1): Fraction(1, 4)})
        assert hard.locator("input[data-role=include]").is_checked()
        power = section(page, 1)
        power.locator("input[data-role=scheme][value=swing]").check()
        assert not power.locator("input[data-role=include]").is_checked()  # not judged yet
        power.locator("input[data-role=points][data-child='1']").fill("30")
        assert power.locator("input[data-role=include]").is_checked()
        page.click("button[data-role=export]")
        assert page.get_attribute("[data-role=export-status]", "data-state") == "exported"
        block = check_analysts_block(
            tomllib.loads(page.input_value("textarea[data-role=export-text]")), model
        )
        assert block["nodes"]["hard power"] == {
            "scheme": "ahp",
            "criteria": ["capability", 'odd "id" \\ x'],
            "matrix": [[1, "1/4"], [4, 1]],
        }
        assert block["nodes"]["power"] == {
            "scheme": "swing",
            "values": {"hard power": 100, "reach": 30},
        }
        assert '[analysts.nodes."hard power"]' in page.input_value("textarea")
        # unticking leaves a node out again
        hard.locator("input[data-role=include]").uncheck()
        page.click("button[data-role=export]")
        block = tomllib.loads(page.input_value("textarea"))["analysts"][0]
        assert set(block["nodes"]) == {"power"}
        opened.check_quiet()
    finally:
        opened.close()


def test_bad_swing_points_and_analyst_details_are_refused(browser, tmp_path):
    path = write_elicitation(None, tmp_path / "e.html")
    opened = Page(browser, path)
    page = opened.page
    try:
        deterrence = page.locator("section.elicit-node[data-id=deterrence]")
        deterrence.locator("input[data-role=scheme][value=swing]").check()
        deterrence.locator("input[data-role=points][data-child='1']").fill("0")
        assert deterrence.locator("[data-role=swing-status]").text_content() == (
            "Check the points: every child needs points above 0 and at most 100."
        )
        page.fill("[data-role=analyst-id]", "Desk 1")
        page.fill("[data-role=analyst-weight]", "0")
        page.click("button[data-role=export]")
        assert page.text_content("[data-role=export-status]") == (
            'Not exported: the id must be lowercase letters, digits and _ (found "Desk 1"); '
            "the weight must be a number above 0; deterrence: every child needs points above "
            "0 and at most 100."
        )
        assert page.input_value("textarea") == ""
        assert page.locator("a[data-role=download]").is_hidden()
        for k in range(3):
            deterrence.locator(f"input[data-role=points][data-child='{k}']").fill("50")
        assert deterrence.locator("[data-role=swing-status]").text_content() == (
            "Check the points: the most important child gets 100 points (the largest is 50)."
        )
        page.fill("[data-role=analyst-id]", "desk_1")
        page.fill("[data-role=analyst-weight]", "1")
        page.click("button[data-role=export]")
        assert page.text_content("[data-role=export-status]") == (
            "Not exported: deterrence: the most important child gets 100 points (the largest "
            "is 50)."
        )
        deterrence.locator("input[data-role=points][data-child='1']").fill("100")
        assert deterrence.locator("[data-role=swing-status]").text_content() == ""
        page.click("button[data-role=export]")
        assert page.get_attribute("[data-role=export-status]", "data-state") == "exported"
        assert page.locator("a[data-role=download]").is_visible()
        opened.check_quiet()
    finally:
        opened.close()


def test_profile_prefill_and_hostile_labels(browser, tmp_path):
    profile = write_hostile_inputs(tmp_path)
    path = write_elicitation(None, tmp_path / "hostile.html", profile=PROFILES / "india.toml")
    opened = Page(browser, path)
    page = opened.page
    try:
        # India's AHP judgments prefill the top level; the page's CR is Python's on them.
        top = section(page, 0)
        selects = top.locator("select[data-role=judgment]").all()
        judgments = {
            (int(s.get_attribute("data-i")), int(s.get_attribute("data-j"))): Fraction(
                s.input_value()
            )
            for s in selects
        }
        assert any(v != 1 for v in judgments.values())
        check_ahp_node(top, matrix_of(4, judgments))
        opened.check_quiet()
    finally:
        opened.close()
    path = write_elicitation(None, tmp_path / "hostile2.html", profile=profile)
    opened = Page(browser, path)
    page = opened.page
    try:
        top = section(page, 0)
        assert top.get_attribute("data-scheme") == "swing"  # Japan's direct weights
        top.locator("input[data-role=scheme][value=ahp]").check()
        # shared threats (hostile label) over interoperability 9, interoperability over
        # deterrence 9, shared threats over deterrence 1/9: the worst triad names it
        give_judgments(top, {(0, 1): Fraction(9), (1, 2): Fraction(9), (0, 2): Fraction(1, 9)})
        triad = top.locator("[data-role=triad]")
        assert triad.get_attribute("data-triad") == "0 1 2"
        assert triad.text_content().startswith(f"Most inconsistent triad: Threats {HOSTILE}, ")
        assert page.locator("img, b").count() == 0
        assert page.title().startswith("Weights for ")
        opened.check_quiet()
    finally:
        opened.close()


def test_the_exported_block_validates_and_scores_in_a_profile(browser, tmp_path, capsys):
    """The round trip of issue 17: the page's export, pasted into a profile, is accepted by
    ``validate`` and scores that analyst alone with the weights the page showed."""
    from alliancescore.analysis.scoring import score
    from alliancescore.cli import main

    model = load_criteria(default_criteria())
    path = write_elicitation(None, tmp_path / "elicit.html", analyst_id="regional_desk")
    opened = Page(browser, path)
    page = opened.page
    try:
        A = [[Fraction(1), 3, 2, 5], [0, 1, Fraction(1, 2), 2], [0, 0, 1, 3], [0] * 4]
        give_judgments(
            section(page, 0), {(i, j): Fraction(A[i][j]) for i in range(4) for j in range(i + 1, 4)}
        )
        shown = [
            float(o.get_attribute("data-weight"))
            for o in section(page, 0).locator("output[data-role=weight]").all()
        ]
        deterrence = next(
            k
            for k in range(page.locator("section.elicit-node").count())
            if section(page, k).get_attribute("data-id") == "deterrence"
        )
        node = section(page, deterrence)
        node.locator("input[data-role=scheme][value=swing]").check()
        for k, p in enumerate([40, 100, 20]):
            node.locator(f"input[data-role=points][data-child='{k}']").fill(str(p))
        page.click("button[data-role=export]")
        block = page.input_value("textarea[data-role=export-text]")
        opened.check_quiet()
    finally:
        opened.close()

    text = portable((PROFILES / "japan.toml").read_text(encoding="utf-8"))
    text = text.replace(
        'criteria = "../criteria/default.toml"', f'criteria = "{default_criteria()}"'
    )
    profile = tmp_path / "team.toml"
    profile.write_text(text + "\n" + block, encoding="utf-8")
    assert main(["validate", str(profile)]) == 0, capsys.readouterr().err
    result = score(profile, analyst="regional_desk")
    top = [result.weights.global_[c.id] for c in model.criteria]
    np.testing.assert_allclose(top, shown, atol=1e-9)
    np.testing.assert_allclose(
        [
            result.weights.global_[i] / result.weights.global_["deterrence"]
            for i in ("capability", "capability_at_theatre", "nuclear")
        ],
        np.array([40, 100, 20]) / 160,
        atol=1e-12,
    )
