"""A progress bar on stderr for the long commands, only when stderr is a terminal."""

from __future__ import annotations

import os
import shutil
import sys

__all__ = ["progress_bar"]


def _terminal_width() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        return 0


class progress_bar:
    """A tqdm bar on stderr for long runs (only when stderr is a terminal)."""

    def __init__(self, total: int):
        self.total, self.bar = total, None

    def __enter__(self):
        if sys.stderr.isatty():
            from tqdm import tqdm

            # A terminal that reports a size of 0 x 0 (script(1), some CI shells) would get no
            # bar at all from tqdm: fall back to $COLUMNS/$LINES or 80 x 24 then.
            size = shutil.get_terminal_size() if _terminal_width() == 0 else None
            self.bar = tqdm(
                total=self.total or None,
                unit="draws",
                unit_scale=True,
                file=sys.stderr,
                leave=False,
                ncols=size.columns if size else None,
                nrows=size.lines if size else None,
            )

        def tick(done: int) -> None:
            if self.bar is not None:
                self.bar.update(max(0, done - self.bar.n))

        return tick

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
