"""The command line with several analysts: score's group section and JSON, --analyst,
validate, and the team's rank acceptability in sensitivity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliancescore.cli import main
from alliancescore.shipped import package_root
from shipped_copies import portable

TEAM = str(package_root() / "profiles" / "japan_team.toml")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def test_score_prints_the_group_section(capsys):
    code, out, _ = run(capsys, "score", TEAM, "--top", "5")
    assert code == 0
    assert "weights: aip_geometric of 3 analysts shared_threats 0.288" in out
    assert "analysts (3; weighted_sum unless named):" in out
    assert "  policy_lead (Policy lead, voting 1.5): top 3 us_jpn_kor, KOR, quad;" in out
    assert "  Kendall's W over the analysts: weighted_sum 0.923" in out
    assert "  most split (rank range): " in out


def test_score_json_carries_the_group(capsys):
    code, out, _ = run(capsys, "score", TEAM, "--format", "json")
    assert code == 0
    group = json.loads(out)["group"]
    assert [a["id"] for a in group["analysts"]] == [
        "regional_desk",
        "capabilities_office",
        "policy_lead",
    ]
    assert group["kendall_w"]["weighted_sum"] == pytest.approx(0.9228, abs=1e-4)
    assert group["analysts"][2]["top"]["weighted_sum"] == "us_jpn_kor"
    assert (
        sum(group["group_weights"].values()) == 1.0
        or abs(sum(group["group_weights"].values()) - 1.0) < 1e-12
    )


def test_analyst_alone_and_did_you_mean(capsys):
    code, out, _ = run(capsys, "score", TEAM, "--analyst", "policy_lead", "--top", "3")
    assert code == 0
    assert "weights: analyst policy_lead shared_threats 0.200" in out
    assert "analysts (" not in out  # one analyst: no group section
    code, _, err = run(capsys, "score", TEAM, "--analyst", "policy_led")
    assert code == 2
    assert "--analyst: expected an analyst of" in err and "Did you mean 'policy_lead'?" in err


def test_validate_checks_every_analyst(capsys, tmp_path):
    code, out, _ = run(capsys, "validate", TEAM)
    assert code == 0 and "valid profile" in out
    assert "weights: analyst regional_desk, the top level: AHP consistency ratio 0.011" in out
    text = portable(Path(TEAM).read_text(encoding="utf-8"))
    broken = text.replace(
        "values = { deterrence = 100, interoperability = 70",
        "values = { deterence = 100, interoperability = 70",
    ).replace(
        'criteria = "../criteria/default.toml"',
        f'criteria = "{package_root()}/criteria/default.toml"',
    )
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "analysts[1].weights.values.deterence: expected a top-level criterion id" in err
    assert "Did you mean 'deterrence'?" in err


def test_sensitivity_reports_the_team(capsys):
    code, out, _ = run(capsys, "sensitivity", TEAM, "--samples", "2000", "--method", "topsis")
    assert code == 0
    assert "Over the team (2,000 draws: mixture over 3 analysts" in out
    assert "rank acceptability b^r (share of draws), first ranks:" in out
