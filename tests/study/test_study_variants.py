"""``[[study.variants]]``: each (variant, focal, year) is a task with the variant's criteria file
and weights; the layout ``variant=ID/focal=XXX/year=YYYY``; seeds that ignore the other
variants; and a manifest that hashes every file a task reads, so ``--resume`` refuses a folder
whose criteria files or analyst's tables changed (issue 18)."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_study import CANDIDATES, TEMPLATE

import alliancescore
import alliancescore.study.run as run_module
from alliancescore.analysis.robustness import analyse
from alliancescore.analysis.scoring import score
from alliancescore.backtest.threats import derive_threats
from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.model.study import Task, load_study, task_seed
from alliancescore.shipped import default_criteria
from alliancescore.study import run_study
from alliancescore.study.parquet import partitioning, read_part, read_parts
from alliancescore.study.report import write_study_reports
from alliancescore.study.results import read_study_folder

pytest.importorskip("pyarrow")

PART = "part.parquet"
# The template of test_study.py, naming a criteria file of its own, a facts file and an
# analyst's table.
OWN_TEMPLATE = (
    TEMPLATE.replace(
        "year = 2000\n", 'year = 2000\ncriteria = "model.toml"\nfacts = ["facts.toml"]\n', 1
    )
    + """
[[tables]]
id = "notes"
file = "notes.csv"
source = "Illustrative values for the test"
date = 2025-03-01
"""
)
FACTS = """[[overrides.ties]]
kind = "defence_pact"
parties = ["SVK"]
others = ["POL"]
from = 2004
source = "Slovakia's accession to NATO, 29 March 2004"
"""
EQUAL = "{ shared_threats = 1, interoperability = 1, deterrence = 1, regional_stability = 1 }"
STUDY = f"""
[study]
id = "vary"
template = "template.toml"
focal = ["POL", "SVK"]
years = [1990, 2000]
samples = 50
seed = 7

[[study.variants]]
id = "baseline"

[[study.variants]]
id = "heavy"
criteria = "heavy.toml"

[[study.variants]]
id = "equal"
weights = {{ scheme = "direct", values = {EQUAL} }}
"""
VARIANTS = ["baseline", "heavy", "equal"]
DONE = ["focal=POL/year=1990", "focal=POL/year=2000", "focal=SVK/year=2000"]


def _heavy(text: str) -> str:
    """The default model with deterrence at 0.70 and regional stability at 0.10 (was 0.10,
    0.50): a variant that changes the top-level weights."""
    for label, old, new in (
        ("Deterrence value", "0.10", "0.70"),
        ("Regional stability", "0.50", "0.10"),
    ):
        before = f'label = "{label}"\nweight = {old}\n'
        assert before in text
        text = text.replace(before, f'label = "{label}"\nweight = {new}\n')
    return text


def _folder(folder: Path, study: str = STUDY) -> Path:
    default = default_criteria().read_text()
    (folder / "model.toml").write_text(default)
    (folder / "heavy.toml").write_text(_heavy(default))
    (folder / "notes.csv").write_text("iso3,score\nPOL,1\nDEU,2\n")
    (folder / "facts.toml").write_text(FACTS)
    (folder / "template.toml").write_text(OWN_TEMPLATE)
    (folder / "study.toml").write_text(study)
    return folder / "study.toml"


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    folder = tmp_path_factory.mktemp("variants")
    study = load_study(_folder(folder), load())
    run = run_study(study, folder / "out", jobs=1)
    return study, folder / "out", run


def test_each_variant_runs_every_focal_year_in_a_folder_of_its_own(ran):
    study, out, run = ran
    keys = [f"variant={v}/{key}" for v in VARIANTS for key in DONE]
    assert run.written == keys
    assert set(run.skipped) == {f"variant={v}/focal=SVK/year=1990" for v in VARIANTS}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob(PART)) == sorted(
        f"{key}/{PART}" for key in keys
    )
    part = read_part(out / keys[0] / PART)
    assert list(part.columns[:3]) == ["variant", "focal", "year"]
    assert set(part["variant"]) == {"baseline"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["tasks"] == [t.key for t in study.tasks]
    assert manifest["finished"] == keys


def test_the_parts_read_back_as_one_partitioned_data_set(ran):
    _, out, run = ran
    parts = [read_part(out / key / PART) for key in sorted(run.written)]  # folder order
    expected = pd.concat(parts, ignore_index=True)
    pd.testing.assert_frame_equal(read_parts(out), expected)
    # pandas alone, with the folder keys typed as the columns are
    scheme = partitioning(out / run.written[0] / PART)
    skip = ["manifest", "stability", "report"]  # the other files of the folder
    whole = pd.read_parquet(out, partitioning=scheme, ignore_prefixes=skip)
    order = ["variant", "focal", "year", "method", "alternative"]
    pd.testing.assert_frame_equal(
        whole.sort_values(order, ignore_index=True), expected.sort_values(order, ignore_index=True)
    )
    heavy = read_parts(out, filters=[("variant", "=", "heavy"), ("year", "=", 2000)])
    assert set(heavy["variant"]) == {"heavy"} and set(heavy["year"]) == {2000}
    assert set(heavy["focal"]) == {"POL", "SVK"}
    stability = read_parts(out, name="stability.parquet")
    assert list(stability.columns[:3]) == ["variant", "focal", "year"]
    assert set(stability["variant"]) == set(VARIANTS)
    one = stability[(stability["variant"] == "heavy") & (stability["year"] == 1990)]
    pd.testing.assert_frame_equal(
        one.reset_index(drop=True),
        read_part(out / "variant=heavy/focal=POL/year=1990/stability.parquet"),
    )


def _profile(folder: Path, weights: str = "") -> Path:
    """POL in 2000 with the backtest's threats, as an ordinary profile (weights: a
    [weights] table to add)."""
    data = load()
    found, _ = derive_threats(data, 2000, ["POL"], data.states(2000))
    threats = "".join(
        f'\n[[threats]]\nactor = "{t.actor}"\nseverity = {t.severity}\n' for t in found["POL"]
    )
    kept = [c for c in CANDIDATES if c not in {t.actor for t in found["POL"]}]
    text = TEMPLATE.split("[[threats]]")[0] + threats + TEMPLATE.split("severity = 1.0")[1]
    text = text.replace(json.dumps(CANDIDATES), json.dumps(kept)) + weights
    (folder / "p.toml").write_text(text)
    return folder / "p.toml"


@pytest.mark.parametrize(
    ("variant", "criteria", "weights"),
    [
        ("baseline", "model.toml", ""),
        ("heavy", "heavy.toml", ""),
        ("equal", "model.toml", f'\n[weights]\nscheme = "direct"\nvalues = {EQUAL}\n'),
    ],
)
def test_a_variant_task_equals_its_profile_scored_with_its_criteria(
    ran, tmp_path, variant, criteria, weights
):
    study, out, _ = ran
    data = load()
    result = score(_profile(tmp_path, weights), Path(study.path).parent / criteria, data=data)
    seed = task_seed(7, Task("POL", 2000, variant))
    report = analyse(result, samples=50, seed=seed, importance=False)
    part = read_part(out / f"variant={variant}/focal=POL/year=2000" / PART)
    for method in ("weighted_sum", "topsis"):
        rows = part[part["method"] == method].set_index("alternative")
        np.testing.assert_array_equal(rows["score"], result.scores.loc[rows.index, method])
        np.testing.assert_array_equal(rows["rank"], result.ranks.loc[rows.index, method])
        np.testing.assert_array_equal(
            rows["rank1_acceptability"], report.acceptability[method].loc[rows.index, 1]
        )


def test_a_variant_that_changes_the_weights_changes_the_numbers(ran):
    _, out, _ = ran
    key = "focal=POL/year=2000"
    scores = {
        v: read_part(out / f"variant={v}" / key / PART)
        .query("method == 'weighted_sum'")
        .set_index("alternative")["score"]
        .sort_index()
        for v in VARIANTS
    }
    # deterrence 0.10 -> 0.70: every candidate's score moves, and far
    moved = (scores["heavy"] - scores["baseline"]).abs()
    assert moved.min() > 1e-3 and moved.max() > 0.05
    assert not np.allclose(scores["equal"], scores["baseline"])


def test_seeds_ignore_the_other_variants_and_keep_the_old_ones_without_variants():
    old = hashlib.sha256(b"7\x00POL\x002000").digest()  # the formula before variants
    sequence = np.random.SeedSequence(int.from_bytes(old[:16], "little"))
    assert task_seed(7, Task("POL", 2000)) == int(sequence.generate_state(1, np.uint64)[0] >> 1)
    seeds = {task_seed(7, Task("POL", 2000, v)) for v in ("a", "b", None)}
    assert len(seeds) == 3


def test_adding_a_variant_leaves_the_other_variants_files_unchanged(ran, tmp_path):
    study, out, _ = ran
    # The same study with one variant only: its files are the three-variant run's.
    alone = STUDY.split("[[study.variants]]")
    text = alone[0] + "[[study.variants]]" + alone[2]
    shutil.copytree(Path(study.path).parent, tmp_path / "s", ignore=shutil.ignore_patterns("out"))
    (tmp_path / "s" / "study.toml").write_text(text)
    run = run_study(load_study(tmp_path / "s" / "study.toml", load()), tmp_path / "one")
    assert run.written == [f"variant=heavy/{key}" for key in DONE]
    for key in run.written:
        assert (tmp_path / "one" / key / PART).read_bytes() == (out / key / PART).read_bytes()


def test_the_manifest_hashes_every_file_a_task_reads(ran):
    study, out, _ = ran
    folder = Path(study.path).parent
    manifest = json.loads((out / "manifest.json").read_text())

    def sha(name):
        return hashlib.sha256((folder / name).read_bytes()).hexdigest()

    assert manifest["input_files"] == [
        {"role": "facts of the template", "path": "facts.toml", "sha256": sha("facts.toml")},
        {"role": "criteria", "path": "model.toml", "sha256": sha("model.toml")},
        {"role": "criteria of variant heavy", "path": "heavy.toml", "sha256": sha("heavy.toml")},
        {"role": "analyst table of the template", "path": "notes.csv", "sha256": sha("notes.csv")},
    ]
    assert manifest["variants"] == [
        {"id": "baseline", "criteria": None, "criteria_sha256": None, "weights": None},
        {
            "id": "heavy",
            "criteria": "heavy.toml",
            "criteria_sha256": sha("heavy.toml"),
            "weights": None,
        },
        {
            "id": "equal",
            "criteria": None,
            "criteria_sha256": None,
            "weights": {
                "scheme": "direct",
                "values": {
                    "shared_threats": 1,
                    "interoperability": 1,
                    "deterrence": 1,
                    "regional_stability": 1,
                },
            },
        },
    ]


def _copy(ran, tmp_path) -> tuple[Path, Path]:
    """The study's folder and output copied elsewhere: (study file, output folder)."""
    shutil.copytree(Path(ran[0].path).parent, tmp_path / "s")
    return tmp_path / "s" / "study.toml", tmp_path / "s" / "out"


def test_resume_keeps_a_moved_study_folder(ran, tmp_path):
    path, out = _copy(ran, tmp_path)
    run = run_study(load_study(path, load()), out, resume=True)
    assert not run.written and len(run.kept) == 9


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("heavy.toml", "a variant's criteria file"),
        ("model.toml", "the criteria file the template names"),
        ("notes.csv", "the template's analyst table"),
    ],
)
def test_resume_refuses_a_changed_file_a_task_reads(ran, tmp_path, name, role):
    path, out = _copy(ran, tmp_path)
    changed = path.parent / name
    changed.write_text(changed.read_text().replace("0.30", "0.35").replace("DEU,2", "DEU,3"))
    with pytest.raises(AllianceScoreError) as error:
        run_study(load_study(path, load()), out, resume=True)
    assert str(error.value) == (
        "--resume: expected an output folder made from the same inputs (study_sha256, "
        "template_sha256, version, data_manifest_sha256, target_se, input_files), found "
        f"{out / 'manifest.json'} differs in input_files ({name}). Run without --resume to "
        "redo every task, or choose another --out"
    ), role


def test_resume_refuses_a_changed_facts_file(ran, tmp_path):
    path, out = _copy(ran, tmp_path)
    facts = path.parent / "facts.toml"
    facts.write_text(facts.read_text() + 'note = "a later reading"\n')
    with pytest.raises(AllianceScoreError, match=r"differs in input_files \(facts.toml\)"):
        run_study(load_study(path, load()), out, resume=True)


def test_without_variants_the_layout_and_columns_are_unchanged(tmp_path):
    text = STUDY.split("[[study.variants]]")[0].replace('["POL", "SVK"]', '["POL"]')
    path = _folder(tmp_path, text.replace("[1990, 2000]", "[2000]"))
    study = load_study(path, load())
    assert study.tasks == (Task("POL", 2000),) and not study.variants
    run_study(study, tmp_path / "out")
    part = read_part(tmp_path / "out" / "focal=POL/year=2000" / PART)
    assert list(part.columns)[:3] == ["focal", "year", "alternative"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert "variants" not in manifest and manifest["tasks"] == ["focal=POL/year=2000"]


TEMPLATE_WEIGHTS = '\n[weights]\nscheme = "direct"\nvalues = ' + EQUAL + "\n"


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        (
            'id = "a b"',
            "study.toml: study.variants[0].id: expected letters, digits, '_' or '-' (it names a "
            "folder), found 'a b'. e.g. id = \"deterrence_heavy\"",
        ),
        (
            'id = "x"\ncriteria = "nope.toml"',
            "study.toml: study.variants[0].criteria: expected a criteria file (relative to the "
            "study), found '{folder}/nope.toml'",
        ),
        (
            'id = "x"\nweights = { scheme = "dirct" }',
            "study.toml: study.variants[0].weights.scheme: expected one of 'direct', ",
        ),
        (  # a key of another scheme, silently ignored before
            'id = "x"\nweights = { scheme = "criteria_file", max_cr = 0.2 }',
            "study.toml: study.variants[0].weights.max_cr: expected nothing with scheme = "
            '"criteria_file" (the criteria file\'s weights apply), found 0.2. max_cr is read by '
            'scheme = "ahp": remove it, or choose that scheme',
        ),
        (
            'id = "x"\nseed = 3',
            "study.toml: study.variants[0].seed: expected one of the keys id, criteria, weights, "
            "found 'seed', a key of [study]. Move it above [[study.variants]]: a key after a "
            "table's header belongs to that table",
        ),
        (
            'id = "x"\ncrtieria = "heavy.toml"',
            "study.toml: study.variants[0].crtieria: expected one of the keys id, criteria, "
            "weights, found an unknown key. Did you mean 'criteria'?",
        ),
        (
            'id = "x"\ncriteria = "renamed.toml"',
            "study.toml: study.variants[0].criteria: expected a criteria file the template's "
            "[weights] fits, found {folder}/renamed.toml, where {folder}/template.toml: "
            "weights.values.deterrence: expected a top-level criterion id (shared_threats, "
            "interoperability, deterrent, regional_stability), found 'deterrence'. Did you mean "
            "'deterrent'?",
        ),
    ],
)
def test_a_bad_variant_gets_one_message(tmp_path, variant, message):
    path = _folder(
        tmp_path, STUDY.split("[[study.variants]]")[0] + "[[study.variants]]\n" + variant
    )
    template = path.parent / "template.toml"
    template.write_text(template.read_text() + TEMPLATE_WEIGHTS)
    renamed = (path.parent / "model.toml").read_text().replace('"deterrence"', '"deterrent"')
    (path.parent / "renamed.toml").write_text(renamed)
    with pytest.raises(AllianceScoreError) as error:
        load_study(path, load())
    assert len(error.value.problems) == 1
    text = str(error.value).replace(f"{tmp_path}/study.toml", "study.toml")
    assert text.startswith(message.format(folder=tmp_path)), text


def test_a_repeated_variant_id_is_refused(tmp_path):
    path = _folder(tmp_path, STUDY.replace('id = "equal"', 'id = "heavy"'))
    with pytest.raises(AllianceScoreError) as error:
        load_study(path, load())
    assert str(error.value) == (
        f"{path}: study.variants[2].id: expected a variant id used once in the file, found "
        "'heavy' again (first at study.variants[1])"
    )


def test_a_variant_s_weights_are_checked_against_its_criteria_in_the_study_file(tmp_path):
    weights = EQUAL.replace("deterrence", "deterence")
    variant = f'[[study.variants]]\nid = "x"\nweights = {{ scheme = "direct", values = {weights} }}'
    path = _folder(tmp_path, STUDY.split("[[study.variants]]")[0] + variant)
    with pytest.raises(AllianceScoreError) as error:
        load_study(path, load())
    assert str(error.value) == (
        f"2 problems:\n  - {path}: study.variants[0].weights.values.deterence: expected a "
        "top-level criterion id (shared_threats, interoperability, deterrence, "
        "regional_stability), found 'deterence'. Did you mean 'deterrence'?\n"
        f"  - {path}: study.variants[0].weights.values: expected a value for every top-level "
        "criterion, found none for deterrence"
    )


# ---------------------------------------------------------------- on a Dask cluster
@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of 2 worker processes of 1 thread, on 127.0.0.1 only."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        yield cluster.scheduler_address


def test_a_cluster_gives_the_variants_files_byte_for_byte(ran, scheduler, tmp_path):
    study, out, run = ran
    again = run_study(study, tmp_path / "dask", scheduler=scheduler)
    assert again.written == run.written and again.skipped == run.skipped
    for key in run.written:
        assert (tmp_path / "dask" / key / PART).read_bytes() == (out / key / PART).read_bytes()
    assert (tmp_path / "dask" / "manifest.json").read_bytes() == (
        out / "manifest.json"
    ).read_bytes()


def test_a_worker_reading_another_criteria_file_stops_the_run(
    ran, scheduler, tmp_path, monkeypatch
):
    # The client believes heavy.toml has another hash; the workers read the real file.
    study = ran[0]
    real = run_module.input_files

    def other(study):
        return [{**e, "sha256": "0" * 64} if e["path"] == "heavy.toml" else e for e in real(study)]

    monkeypatch.setattr(run_module, "input_files", other)
    with pytest.raises(AllianceScoreError) as error:
        run_study(study, tmp_path / "dask", scheduler=scheduler)
    assert re.fullmatch(
        re.escape(
            "scheduler: expected workers with this computer's inputs (alliancescore "
            f"{alliancescore.__version__}, the same template and data set), so that the "
            "numbers are the same, found worker tcp://127.0.0.1:"
        )
        + r"\d+"
        + re.escape(
            " differs in input_files (heavy.toml). Install the same version on the workers "
            "and give them the study's files (template, criteria, --data) at the same paths"
        ),
        str(error.value),
    )
    assert not list((tmp_path / "dask").rglob(PART))


# ---------------------------------------------------------------- the study report
def test_each_variant_gets_a_report_of_its_own_tasks(ran, tmp_path):
    _, out, _ = ran
    shutil.copytree(out, tmp_path / "out")
    reports = write_study_reports(tmp_path / "out", command=["test"])
    assert [r.html.name for r in reports] == [f"report_{v}.html" for v in VARIANTS]
    for variant, report in zip(VARIANTS, reports, strict=True):
        assert report.tables["top_partners"].parent.name == f"report_{variant}_tables"
        parts = read_parts(tmp_path / "out", filters=[("variant", "=", variant)])
        first = parts[parts["rank"] == 1][["focal", "year", "method", "alternative", "score"]]
        shown = report.frames["top_partners"]
        shown = shown[shown["rank"] == 1][list(first.columns)]
        order = ["focal", "year", "method", "alternative"]
        pd.testing.assert_frame_equal(
            shown.sort_values(order, ignore_index=True),
            first.sort_values(order, ignore_index=True),
            check_dtype=False,
        )
        assert list(report.frames["skipped"]["task"]) == [f"variant={variant}/focal=SVK/year=1990"]
        page = report.html.read_text()
        assert f"<title>Study vary, variant {variant}: partners over time" in page
        assert "the variant, the focal state and the year" in page
    heavy = reports[1].html.read_text()
    assert "<code>heavy.toml</code>" in heavy and "<code>model.toml</code>" in heavy


def test_the_report_of_a_study_with_variants_names_one(ran, tmp_path, capsys):
    _, out, _ = ran
    shutil.copytree(out, tmp_path / "out")
    with pytest.raises(AllianceScoreError) as error:
        read_study_folder(tmp_path / "out")
    assert str(error.value) == (
        "--variant: expected one of the study's criteria variants (baseline, heavy, equal): its "
        "report is one variant's, found none. Name one with --variant ID, or leave it out to "
        "write every variant's report"
    )
    assert main(["study-report", str(tmp_path / "out"), "--variant", "heavy"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("report*")) == [
        "report_heavy.html",
        "report_heavy_tables",
    ]
    assert main(["study-report", str(tmp_path / "out"), "--variant", "haevy"]) == 2
    assert capsys.readouterr().err.endswith(
        "--variant: expected one of the study's criteria variants (baseline, heavy, equal), "
        "found 'haevy'. Did you mean 'heavy'? Known: 'baseline', 'equal', 'heavy'\n"
    )


def test_the_run_and_each_report_say_which_variants_use_weights_nobody_stated(ran, tmp_path):
    # The template states no [weights]: the baseline and heavy variants score with their
    # criteria files' own, which the run, its manifest and their reports say; the equal
    # variant states its weights and says nothing.
    _, out, run = ran
    assert list(run.unstated_weights) == ["baseline", "heavy"]
    baseline, heavy = run.unstated_weights["baseline"], run.unstated_weights["heavy"]
    assert baseline.startswith("weights: the profile has no [weights], so the criteria file's")
    # model.toml is the shipped default byte for byte; heavy.toml changed its weights.
    assert "the default model's were chosen to predict which states form alliances" in baseline
    assert heavy.startswith("weights: the profile has no [weights]") and "default" not in heavy
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["unstated_weights"] == {"baseline": baseline, "heavy": heavy}
    shutil.copytree(out, tmp_path / "out")
    reports = write_study_reports(tmp_path / "out", command=["test"])
    pages = {v: html.unescape(r.html.read_text()) for v, r in zip(VARIANTS, reports, strict=True)}
    assert baseline in pages["baseline"]
    assert heavy in pages["heavy"] and baseline not in pages["heavy"]
    assert "no [weights]" not in pages["equal"]


def test_a_study_whose_template_states_weights_says_nothing_of_them(tmp_path, capsys):
    weights = f'\n[weights]\nscheme = "direct"\nvalues = {EQUAL}\n'
    study = STUDY.replace("samples = 50", "samples = 0").split("[[study.variants]]")[0]
    path = _folder(tmp_path, study)
    (tmp_path / "template.toml").write_text(OWN_TEMPLATE + weights)
    assert main(["study", str(path), "--out", str(tmp_path / "out"), "--no-report"]) == 0
    assert "no [weights]" not in capsys.readouterr().err
    assert "unstated_weights" not in json.loads((tmp_path / "out/manifest.json").read_text())
    (tmp_path / "template.toml").write_text(OWN_TEMPLATE)
    assert main(["study", str(path), "--out", str(tmp_path / "again"), "--no-report"]) == 0
    err = capsys.readouterr().err
    assert err.count("note: weights: the profile has no [weights]") == 1
