"""The demo's study step (``alliancescore demo``, after the profiles): without pyarrow it says
how to install it and the demo still succeeds."""

from __future__ import annotations

import io
import sys

from alliancescore.demo import run_demo_study


def test_without_pyarrow_the_demo_study_is_skipped_with_the_install_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = io.StringIO()
    assert run_demo_study(out, tmp_path, data=None) == 0
    assert out.getvalue() == (
        "\nDemo study skipped: demo study: expected the pyarrow package (the optional extra "
        "'study') to write Parquet files, found it is not installed. Install it with: "
        "pip install 'alliancescore[study]'\n"
    )
    assert list(tmp_path.iterdir()) == []
