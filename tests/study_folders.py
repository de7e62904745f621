"""Study output folders built by hand, with the exact columns ``alliancescore study`` writes
(and the stability files of the study's contract), for the study report's tests.

Two focal states (POL, "=cmd<script>" as a hostile id never happens for a focal state, so the
hostile strings go into an alternative's id and a skip message), two years, two methods, four
alternatives; every number is chosen so the expected tables can be written down by hand:

* POL 2000 weighted_sum: DEU 1st (b1 0.7, SE 0.01), FRA 2nd, USA 3rd, GBR 4th;
  topsis: FRA 1st, DEU 2nd ...;
* POL 2010 weighted_sum: USA 1st, DEU 2nd; topsis: USA 1st (a tie with GBR);
* SVK 2000: skipped ("did not exist" style message); SVK 2010: DEU 1st in both methods, but
  by topsis CZE is first in more weight draws (0.6 against 0.4).

Stability (when asked): per task and method, two criteria; the most critical is flagged,
except POL 2010 topsis where nothing changes the top choice (inf, none flagged).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pandas as pd

from alliancescore.study.parquet import write_part

HOSTILE_ID = "=cmd|' /C calc'!A0<script>alert(1)</script>"
HOSTILE_MESSAGE = 'focal: expected a state, found "<img src=x onerror=alert(1)>"'

# (focal, year, method) -> [(alternative, score, rank, b1, se)], best first
PARTS = {
    ("POL", 2000, "weighted_sum"): [
        ("DEU", 0.71, 1, 0.70, 0.010),
        ("FRA", 0.65, 2, 0.25, 0.009),
        ("USA", 0.60, 3, 0.05, 0.004),
        ("GBR", 0.55, 4, 0.0, 0.0005),
    ],
    ("POL", 2000, "topsis"): [
        ("FRA", 0.80, 1, 0.55, 0.011),
        ("DEU", 0.78, 2, 0.45, 0.011),
        ("USA", 0.50, 3, 0.0, 0.0005),
        ("GBR", 0.40, 4, 0.0, 0.0005),
    ],
    ("POL", 2010, "weighted_sum"): [
        ("USA", 0.90, 1, 0.9, 0.006),
        ("DEU", 0.70, 2, 0.1, 0.006),
        ("FRA", 0.60, 3, 0.0, 0.0005),
        ("GBR", 0.50, 4, 0.0, 0.0005),
    ],
    ("POL", 2010, "topsis"): [
        ("USA", 0.85, 1, 0.5, 0.011),
        ("GBR", 0.85, 1, 0.5, 0.011),
        ("DEU", 0.60, 3, 0.0, 0.0005),
        ("FRA", 0.40, 4, 0.0, 0.0005),
    ],
    ("SVK", 2010, "weighted_sum"): [
        ("DEU", 0.75, 1, 0.95, 0.005),
        ("POL", 0.70, 2, 0.05, 0.005),
        ("CZE", 0.65, 3, 0.0, 0.0005),
        (HOSTILE_ID, 0.10, 4, 0.0, 0.0005),
    ],
    ("SVK", 2010, "topsis"): [
        ("DEU", 0.70, 1, 0.40, 0.011),
        ("CZE", 0.68, 2, 0.60, 0.011),
        ("POL", 0.66, 3, 0.0, 0.0005),
        (HOSTILE_ID, 0.05, 4, 0.0, 0.0005),
    ],
}
TASKS = ["focal=POL/year=2000", "focal=POL/year=2010", "focal=SVK/year=2000", "focal=SVK/year=2010"]
SKIPPED = {"focal=SVK/year=2000": f"focal=SVK/year=2000: {HOSTILE_MESSAGE}"}

# (focal, year, method) -> [(criterion, t0, low, high, change, relative, most_critical)]
STABILITY = {
    ("POL", 2000, "weighted_sum"): [
        ("shared_threats", 0.3, 0.1, 0.45, 0.15, 0.5, True),
        ("deterrence", 0.2, 0.0, 0.6, 0.2, 1.0, False),
    ],
    ("POL", 2000, "topsis"): [
        ("shared_threats", 0.3, 0.28, 0.9, 0.02, 0.02 / 0.3, False),
        ("deterrence", 0.2, 0.19, 0.21, 0.01, 0.05, True),
    ],
    ("POL", 2010, "weighted_sum"): [
        ("shared_threats", 0.3, 0.05, 1.0, 0.25, 0.25 / 0.3, True),
        ("deterrence", 0.2, 0.0, 1.0, np.inf, np.inf, False),
    ],
    ("POL", 2010, "topsis"): [
        ("shared_threats", 0.3, 0.0, 1.0, np.inf, np.inf, False),
        ("deterrence", 0.2, 0.0, 1.0, np.inf, np.inf, False),
    ],
    ("SVK", 2010, "weighted_sum"): [
        ("shared_threats", 0.3, 0.2, 0.5, 0.1, 0.1 / 0.3, False),
        ("deterrence", 0.2, 0.1, 0.3, 0.1, 0.5, True),
    ],
    ("SVK", 2010, "topsis"): [
        ("shared_threats", 0.3, 0.2, 0.5, 0.1, 0.1 / 0.3, False),
        ("deterrence", 0.2, 0.15, 0.3, 0.05, 0.25, True),
    ],
}


def part_frame(focal: str, year: int, *, sampled: bool = True, draws: bool = True) -> pd.DataFrame:
    """One task's part as ``alliancescore study`` writes it (with ``samples`` and
    ``target_met`` when ``draws``; without the rank-1 columns when not ``sampled``)."""
    frames = []
    for (f, y, method), rows in PARTS.items():
        if (f, y) != (focal, year):
            continue
        frame = pd.DataFrame(
            {
                "focal": focal,
                "year": year,
                "alternative": [r[0] for r in rows],
                "kind": "state",
                "method": method,
                "score": [r[1] for r in rows],
                "rank": np.array([r[2] for r in rows], dtype="int64"),
            }
        )
        if sampled:
            frame["rank1_acceptability"] = [r[3] for r in rows]
            frame["rank1_se"] = [r[4] for r in rows]
            if draws:
                frame["samples"] = np.int64(2000 if method == "weighted_sum" else 4000)
                frame["target_met"] = method == "weighted_sum"
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype("int64")
    return out


def stability_frame(focal: str, year: int) -> pd.DataFrame:
    rows = [
        {
            "focal": f,
            "year": y,
            "method": method,
            "criterion": c,
            "t0": t0,
            "top1_low": low,
            "top1_high": high,
            "top1_change": change,
            "top1_relative_change": relative,
            "most_critical": critical,
            "exact": method == "weighted_sum",
        }
        for (f, y, method), entries in STABILITY.items()
        if (f, y) == (focal, year)
        for c, t0, low, high, change, relative, critical in entries
    ]
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("int64")
    return frame


def write_study_folder(
    root: Path,
    *,
    stability: bool = True,
    sampled: bool = True,
    draws: bool = True,
    study: str = "studies/hand.toml",
) -> Path:
    """Write the folder (module docstring) to ``root``; returns ``root``."""
    for key in TASKS:
        if key in SKIPPED:
            continue
        focal, year = key[6:9], int(key[-4:])
        part = part_frame(focal, year, sampled=sampled, draws=draws)
        write_part(part, root / key / "part.parquet")
        if stability:
            write_part(stability_frame(focal, year), root / key / "stability.parquet")
    manifest = {
        "study": study,
        "study_sha256": "1" * 64,
        "template_sha256": "2" * 64,
        "version": "0.1.0",
        "data_manifest_sha256": "3" * 64,
        "samples": 2000 if sampled else 0,
        "seed": 7,
        "threats": "backtest",
        "tasks": TASKS,
        "finished": [k for k in TASKS if k not in SKIPPED],
        "skipped": SKIPPED,
    }
    (root / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return root


def tiny_study(folder: Path, focal: str = '["POL"]', samples: int | None = None) -> Path:
    """The tiny study of ``tests/study/test_study.py`` (its template and study file, read from
    there so the two stay one) written to ``folder`` with only ``focal``; returns the study
    file."""
    path = Path(__file__).parent / "study" / "test_study.py"
    spec = importlib.util.spec_from_file_location("_tiny_study", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    study = module.STUDY.replace('["POL", "SVK"]', focal)
    if samples is not None:
        study = study.replace("samples = 200", f"samples = {samples}")
    (folder / "template.toml").write_text(module.TEMPLATE, encoding="utf-8")
    (folder / "study.toml").write_text(study, encoding="utf-8")
    return folder / "study.toml"
