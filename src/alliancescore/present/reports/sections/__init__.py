"""The report's sections, one module each: a function from a :class:`Result` (or, for a
comparison, several; with the sensitivity report, the data set and the :class:`Limits` where
it needs them) to the plain data its template partial shows.

profile report: :mod:`.question`, :mod:`.ranking`, :mod:`.whatif`, :mod:`.methods`,
:mod:`.relations`, :mod:`.sensitivity`, :mod:`.data_notes`, :mod:`.backtest`, :mod:`.record`,
:mod:`.explain`, :mod:`.group` (profiles with analysts);
comparison report: :mod:`.analyses`, :mod:`.criteria_diff`, :mod:`.weights`,
:mod:`.agreement`, :mod:`.record`, :mod:`.group` (each analysis's analysts). :mod:`.shared`
holds the table shape and the readings of a result they all use; :mod:`..context` assembles
the two reports from them.
"""

from .agreement import agreement
from .analyses import analyses, entry_titles
from .backtest import backtest, load_backtest
from .criteria_diff import criteria_differences
from .data_notes import data_notes
from .explain import explain
from .group import analysts_entry, group
from .methods import methods
from .question import question
from .ranking import ranking
from .record import comparison_record, record
from .relations import relations
from .sensitivity import sensitivity
from .shared import Limits
from .weights import weights_section
from .whatif import whatif_data

__all__ = [
    "Limits",
    "agreement",
    "analyses",
    "analysts_entry",
    "backtest",
    "comparison_record",
    "criteria_differences",
    "data_notes",
    "entry_titles",
    "explain",
    "group",
    "load_backtest",
    "methods",
    "question",
    "ranking",
    "record",
    "relations",
    "sensitivity",
    "weights_section",
    "whatif_data",
]
