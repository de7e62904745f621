"""The build: the committed data/ is exactly what it builds from ../shared/data.

Tests that need the shared source folder skip (with the reason) where it is absent; the
committed data stay usable without it.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from alliancescore.data import build
from alliancescore.data.builders import BuildContext
from alliancescore.data.paths import data_dir, source_dir
from alliancescore.data.sources import SOURCES
from alliancescore.errors import AllianceScoreError

SOURCE = source_dir()
SKIP_REASON = build.missing_source_reason(SOURCE)
needs_source = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built():
    return build.build_outputs(SOURCE, data_dir())


@needs_source
def test_committed_data_are_what_the_build_produces(built):
    assert build.check(built, data_dir()) == []


@needs_source
def test_check_mode_reports_a_differing_file(built, tmp_path):
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    path = target / "tables" / "majors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("JPN", "KOR"), encoding="utf-8")
    (target / "tables" / "stray.csv").write_text("x\n", encoding="utf-8")
    assert build.check(built, target) == [
        "tables/majors.csv: differs from a rebuild",
        "tables/stray.csv: not produced by the build",
    ]


@needs_source
def test_check_command_line(built, capsys, monkeypatch):
    monkeypatch.setattr(build, "build_outputs", lambda source, data: built)  # built once
    assert build.main(["--check"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_absent_source_folder_fails_with_a_reason(tmp_path, capsys):
    # Issue 12: a --check that compared nothing must not pass, and nothing is written.
    missing = tmp_path / "no-shared-data"
    target = tmp_path / "data"
    assert build.main(["--source", str(missing), "--data", str(target), "--check"]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "--source" in err
    assert build.main(["--source", str(missing), "--data", str(target)]) == 2
    assert not target.exists()  # nothing written, nothing downloaded


def test_an_installed_package_without_sources_says_how_to_give_them(monkeypatch, capsys):
    monkeypatch.delenv("ALLIANCESCORE_SOURCE_DIR", raising=False)
    monkeypatch.setattr(build, "source_dir", lambda: None)
    assert build.main(["--check"]) == 2
    err = capsys.readouterr().err
    assert "not running from a source checkout" in err and "--source DIR" in err


@needs_source
def test_a_changed_source_file_is_refused(tmp_path):
    for source in SOURCES.values():
        for file in source.files:
            link = tmp_path / file.name
            if not link.exists():
                link.symlink_to(SOURCE / file.name)
    changed = tmp_path / "cow_majors_2016.csv"
    changed.unlink()
    changed.write_text((SOURCE / "cow_majors_2016.csv").read_text() + "999,1,1,1,1,1,1,1\n")
    with pytest.raises(AllianceScoreError, match=r"cow_majors_2016\.csv.*SHA-256"):
        build.verify_sources(tmp_path)


@needs_source
def test_an_erratum_must_find_the_value_it_corrects():
    from alliancescore.data import load

    ds = load()
    errata = pd.DataFrame(
        {
            "file": ["rivalries_thompson_sakuwa_suhas_2021.csv"],
            "line": [159],
            "column": ["ccode1"],
            "found": ["123"],
            "corrected": ["680"],
            "reason": ["test"],
        }
    )
    ctx = BuildContext(source_dir=SOURCE, crosswalk=ds.crosswalk, errata=errata)
    with pytest.raises(AllianceScoreError, match=r"line 159.*'123'"):
        ctx.read("rivalries_thompson_sakuwa_suhas_2021.csv")


@needs_source
def test_the_oman_south_yemen_erratum_is_applied():
    # rivalries_thompson_sakuwa_suhas_2021.csv line 159: 158,Oman-S. Yemen,679,698,... codes
    # South Yemen as 679 (unified / North Yemen); data/reference/errata.csv corrects it to 680
    from alliancescore.data import load

    ds = load()
    rivalry = ds.rivalry("OMN", "YMD", 1975)
    assert rivalry is not None and rivalry.name == "Oman-S. Yemen"
    assert ds.rivalry("OMN", "YEM", 1975) is None


def test_the_equatorial_guinea_gabon_rivalry_erratum_is_applied():
    # rivalries_thompson_sakuwa_suhas_2021.csv line 166, "Eguatorial Guinea-Gabon" (1972-2020),
    # codes Guinea (438); errata.csv corrects it to 411, as the Thompson-Dreyer file has it
    from alliancescore.data import load

    ds = load()
    assert ds.rivalry("GNQ", "GAB", 2000, table="rivalry_tss") is not None
    assert ds.rivalry("GIN", "GAB", 2000, table="rivalry_tss") is None


def test_a_mid_dyad_takes_its_states_own_hostility_not_the_disputes():
    # cow_mid5_ddy.csv, MID 4691 (Syria, 2011-2014): in 2013 Russia and the United States have
    # hostlev1 = hostlev2 = 3 (display of force) but hostlev = 4, the dispute's highest level
    # (Syria and Turkey used force); the dyad is 3, so it is no use of force between them
    from alliancescore.data import load

    ds = load()
    force = ds.dispute_pairs(2013, 2013, min_hostility=4)
    display = ds.dispute_pairs(2013, 2013, min_hostility=3)
    pair = {("RUS", "USA"), ("USA", "RUS")}

    def pairs(frame):
        return set(zip(frame["state"], frame["other"], strict=True)) & pair

    assert pairs(display) == pair and not pairs(force)
    assert ds.disputes("USA", ["RUS"], 2013, 2013).at["RUS", "max_hostlev"] == 3


def test_a_mid_dyads_fatality_is_the_higher_known_level_of_its_two_states():
    from alliancescore.data.builders_pairs import _dyad_fatality

    first = pd.Series([0, 2, -9, -9, 0, 3, -9, 0])
    second = pd.Series([1, 0, 4, -9, -9, -9, -9, -9])
    dispute = pd.Series([1, 2, 4, 3, 2, 3, 0, 0])
    # the higher known level; where neither is known, or the one known is 0, unknown (-9)
    # unless the whole dispute had no deaths (its own level 0)
    assert _dyad_fatality(first, second, dispute).tolist() == [1, 2, 4, -9, -9, 3, 0, 0]


@needs_source
def test_sipri_arms_table_is_not_shipped_whole(built):
    # SIPRI fair use: only derived shares; no TIV values or deal counts
    shares = built.files["tables/arms_shares.csv"].decode()
    assert shares.splitlines()[0] == "recipient,supplier,end_year,share"
    raw = (SOURCE / "sipri_arms_transfers_dyad_order_year_1950_2024.csv").read_text()
    assert "tiv" not in shares and "tiv_order" in raw


@needs_source
def test_arms_rows_set_aside_are_counted_once():
    # A SIPRI row whose supplier and recipient are both set aside (e.g. an unknown supplier to
    # 'NATO**') is one row dropped, not two: the manifest's count is of distinct rows.
    from alliancescore.data import load

    ds = load()
    raw = pd.read_csv(SOURCE / "sipri_arms_transfers_dyad_order_year_1950_2024.csv")
    aside = [
        ds.crosswalk.set_aside_mask("sipri_arms", raw[column], raw["order_year"])
        for column in ("supplier", "recipient")
    ]
    either, both = int((aside[0] | aside[1]).sum()), int((aside[0] & aside[1]).sum())
    assert both > 0  # the case the count must not double
    dropped = ds.manifest["tables"]["arms_shares"]["build"]["dropped"]
    assert dropped["rows with a set-aside sipri_arms name"] == either
