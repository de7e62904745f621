"""Text safe to print in a terminal: control and bidirectional characters made visible.

Labels, notes and sources come from analysts' files and data. Printed raw, an ESC starts a
terminal escape sequence (colours, cursor moves, a changed window title), BEL rings, NUL and
other controls garble the table, and Unicode's bidirectional controls reorder what is shown
(a label could display one name while holding another). Every such character is replaced by a
visible ``\\u....`` escape; newlines and tabs of the layout are kept. Text written to JSON, CSV
or HTML is escaped by those formats instead.
"""

from __future__ import annotations

import re

__all__ = ["terminal_safe"]

# C0 controls but tab and newline, DEL and C1 controls, and the bidirectional formatting
# characters (LRM, RLM, ALM, LRE..RLO, LRI..PDI).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    r"""``text`` with every control or bidirectional character shown as an escape.

    >>> terminal_safe("Quad\x1b[31m\u202e")
    'Quad\\u001b[31m\\u202e'
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
