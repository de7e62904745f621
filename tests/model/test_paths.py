"""Paths one file names relative to another: shown without ``..`` only when that reaches the
same file (:func:`alliancescore.model.paths.beside`)."""

from __future__ import annotations

from pathlib import Path

from alliancescore.model.paths import beside


def test_a_path_up_and_across_is_shown_without_the_dots(tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "default.toml").write_text("")
    shown = beside(tmp_path / "profiles" / "p.toml", "../criteria/default.toml")
    assert shown == tmp_path / "criteria" / "default.toml"
    assert ".." not in shown.parts


def test_a_dotted_path_through_a_symlinked_folder_is_kept_as_joined(tmp_path: Path) -> None:
    # work/profiles -> elsewhere/deep/profiles: "work/profiles/.." is elsewhere/deep for the
    # operating system, so "work/criteria" would be another file
    deep = tmp_path / "elsewhere" / "deep"
    (deep / "profiles").mkdir(parents=True)
    (deep / "criteria").mkdir()
    (deep / "criteria" / "default.toml").write_text("the one the system opens")
    work = tmp_path / "work"
    work.mkdir()
    (work / "profiles").symlink_to(deep / "profiles", target_is_directory=True)
    (work / "criteria").mkdir()
    (work / "criteria" / "default.toml").write_text("a different file")
    shown = beside(work / "profiles" / "p.toml", "../criteria/default.toml")
    assert shown == work / "profiles" / ".." / "criteria" / "default.toml"
    assert shown.read_text() == "the one the system opens"


def test_an_absolute_name_and_a_relative_profile(tmp_path: Path) -> None:
    assert beside("profiles/p.toml", tmp_path / "c.toml") == tmp_path / "c.toml"
    assert beside("p.toml", "criteria/c.toml") == Path("criteria/c.toml")
