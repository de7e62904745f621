"""How deep a defence tie is: integrated commitments apart from hemispheric charters.

ATOP as shipped has only pledge dummies (no alliance ids, no depth variables), so the Rio
Treaty and the OAS Charter count as a defence pledge exactly like NATO. The hand-kept table
``alliance_depth`` (``reference/alliance_depth.csv``, every row sourced) says who took part, year
by year, in commitments of a known depth, and :meth:`DepthQueries.alliance_depth` combines it
with ATOP. The levels, an ordinal scale after Leeds and Anac's (2005) institutionalisation
(ATOP's own INTCOM, an integrated command in peacetime, is its top):

====  ===============  ======================================================================
  5   ``integrated``   a defence commitment run through a standing integrated or combined
                       command in peacetime: NATO's integrated military structure (France
                       out 1966-2008, Greece 1974-1979, Spain until 1998), the ROK-US
                       Combined Forces Command (from 1978)
  4   ``coordinated``  a defence treaty with standing bilateral defence planning and stationed
                       forces, no combined command: the US-Japan Guidelines (from 1978),
                       the US-Australia Force Posture Agreement (from 2014); and Finland
                       with Sweden from 2020 (the EU clause's pledge run with standing
                       bilateral operational planning, the 2018 memorandum, and Sweden's
                       Act on operational military support, SFS 2020:782: a judgment, as
                       it has no treaty of its own and no stationed forces)
  3   ``pledge``       an ATOP defence pledge the table says nothing more about (ANZUS, the
                       US-Philippines treaty, ...): depth not recorded; or a pledge between two
                       members of the Gulf Cooperation Council (a standing joint force from
                       1984, a collective-defence agreement from 2000), which the table
                       records so that the Arab League's rule below does not lower it
  2   ``regional``     a defence pledge between two parties to the Rio Treaty, or between two
                       members of the Arab League (its 1950 Joint Defence Treaty): a region-wide
                       treaty open to every American, or every Arab, state, with no standing
                       command or forces
  1   ``charter``      a defence pledge between two OAS members that are not both Rio Treaty
                       parties: it rests on the Charter's collective-security article alone,
                       which defers to "the special treaties" (Mexico from 2004, the
                       Caribbean members, Bolivia, Ecuador and Nicaragua after their exits)
  0   ``none``         no defence pledge: ATOP has none, or it rests on hemispheric
                       instruments one of the pair has left (Venezuela from 2019, Nicaragua
                       from 2023, Cuba from 1962) or on the EU's mutual assistance clause
                       (the United Kingdom from 2020)
====  ===============  ======================================================================

Rules, for a pair in year ``Y`` (memberships read at 31 December of ``Y``, except that a
state that ceased to exist keeps its memberships to its last year as a state, as ATOP keeps
its pledges: Czechoslovakia to 1992, East Germany and South Yemen to 1990; ending them a year
early read their last year's ATOP pledges as deeper ties than the instrument's):

1. Both in one ``integrated`` or ``coordinated`` commitment: that level (the deepest), whatever
   ATOP says: these commitments are defence treaties themselves, so the table speaks for years
   ATOP does not cover (Finland and Sweden in NATO from 2023 and 2024).
2. Otherwise ATOP decides whether there is a defence pledge (either direction; ATOP ends in 2018,
   its treaty spells carried forward through 2025, then unknown: depth missing).
3. A pledge between two states that have both been OAS members by ``Y`` is taken to rest on the
   hemispheric instruments (ATOP dates the Caribbean members' US pledges from their years of
   OAS accession, which shows it codes the Charter): ``regional`` if both are Rio Treaty
   parties, ``charter`` if both are OAS members, ``none`` if one has left the OAS.
4. A pledge between two members of the Arab League (membership read as for rule 1) is taken
   to rest on the League's Joint Defence Treaty, like the Rio Treaty: ``regional``, unless
   both are members of the Gulf Cooperation Council: ``pledge`` (recorded, above the League).
   ATOP's pledge still decides whether there is one (it ends Syria's during its suspension).
5. A pledge between two states that have both been in the EU's mutual assistance clause
   (``eu_mutual_assistance``: Article 42(7) of the Treaty on European Union, from the Treaty
   of Lisbon, 2007, from when ATOP dates these pledges) rests on the clause when the pair's
   unbroken run of ATOP defence pledges began no earlier than the year both were in it:
   ``none`` once one of them has left the Union (the United Kingdom from 2020; ATOP, carried
   forward from 2018, would keep its pledges to Austria, Cyprus, Finland, Ireland, Malta and
   Sweden). Between two members the pledge stays a ``pledge`` (rule 6).
6. Any other pledge: ``pledge``.

The table is not exhaustive (rule 6 says so in each row's ``basis``). Bilateral pacts between
two League members (Egypt-Syria 1966, for one) cannot be told apart from the League's treaty
in ATOP's dummies; rule 4 reads every such pledge as the League's.

**Codes of conduct** (level ``code``, not a depth of defence: :meth:`DepthQueries.alliance_depth`
ignores these rows). ATOP codes two region-wide codes of conduct as non-aggression pacts among
all their parties: the Treaty of Amity and Cooperation in Southeast Asia (``tac_code``: the
ASEAN states from 1976, then any state ASEAN admits, China and India in 2003, the United States
in 2009, the United Kingdom in 2012) and the Helsinki Final Act of the CSCE (``csce_final_act``:
35 states in 1975, the post-Soviet and post-Yugoslav states from 1991-1992). A promise not to
use force that any state of a region may sign, and that the focal nation's threat usually
holds too, says nothing about who stands with whom; read as a tie, the TAC made the United
States, Australia, South Korea and Britain "aligned" with China, and Laos and Cambodia
"partners" of Vietnam. :meth:`DepthQueries.nonaggression_codes` therefore says, for a pair
with an ATOP non-aggression pledge and no deeper obligation, whether the pledge rests on a
code: both are parties to it at the end of ATOP's year, and the pair's unbroken run of
non-aggression with nothing deeper (ATOP spells in either direction, adjacent years joined)
began no earlier than the year the later of the two joined it (Japan's row gives 2003, the
year it declared its accession and ATOP dates its ties from, not the instrument of 2004). A
run that began before is an instrument of its own and is kept: the Sino-Japanese Treaty of
Peace and Friendship (1978), China's 1974-1975 communiques with Malaysia and the Philippines,
the Korean-Russian treaty of 1992. A non-aggression promise that came with an alliance (the
Warsaw Pact's) ended with it: a run counts only spells with nothing deeper. A bilateral
non-aggression text signed between two parties in or after the year both joined cannot be
told apart from the code in ATOP's dummies and is read as the code's (it adds no promise
the code does not make).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from alliancescore.data.base import TableStore, _year
from alliancescore.data.frames import text_column

__all__ = ["CODE_LEVEL", "DEEP_LEVELS", "DEPTH_LEVELS", "DepthQueries"]

DEPTH_LEVELS: dict[str, int] = {
    "none": 0,
    "charter": 1,
    "regional": 2,
    "pledge": 3,
    "coordinated": 4,
    "integrated": 5,
}
"""Depth label -> ordinal level (higher = deeper)."""

DEEP_LEVELS = ("integrated", "coordinated")
"""Levels a commitment gives its members whatever ATOP says (rule 1)."""

CODE_LEVEL = "code"
"""The ``alliance_depth`` level of a region-wide code of conduct (module docstring)."""

CODE_NAMES = {
    "tac_code": "the Treaty of Amity and Cooperation in Southeast Asia",
    "csce_final_act": "the Helsinki Final Act",
}
"""How a record names each code of the ``alliance_depth`` table."""

_RIO, _OAS = "rio_treaty", "oas_charter"
_OPEN = 10**6  # the last year of a spell whose end the table does not give
_ARAB, _GCC = "arab_league_defence", "gcc_defence"
_EU = "eu_mutual_assistance"


class DepthQueries(TableStore):
    """The depth query (see the module docstring)."""

    def alliance_depth(self, focal: str, others: Iterable[str], year: int) -> pd.DataFrame:
        """How deep the defence tie between ``focal`` and each of ``others`` is in ``year``.

        Returns a frame indexed by ``others`` with ``depth`` (ordinal 0-5, :data:`DEPTH_LEVELS`;
        missing when ATOP is stale or does not cover the year and no deep commitment
        applies), ``label``, ``commitment`` (the ``alliance_depth`` commitment that decided,
        e.g. ``"nato_integrated"``, or ``None`` when ATOP alone did), ``basis`` (one line: why),
        ``source`` (the deciding rows' sources), ``atop_defense`` (ATOP's pledge either way,
        0/1, missing when unknown), and ATOP's ``year_used``, ``carried_forward``, ``stale``.
        """
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        year = _year(year)
        used, carried, stale = self._spell_year("atop", year)
        atop = self._atop_frame(focal, others, used, stale)
        key = ("alliance_depth", year)
        if key not in self._memo:
            table = self.frame("alliance_depth")
            ever = table[table["first_year"] <= year]
            active = ever[ever["last_year"].isna() | (ever["last_year"] >= year)]
            self._memo[key] = _Memberships(active, ever)
        memberships = self._memo[key]
        assert isinstance(memberships, _Memberships)
        defence_runs = self._pair_runs("defense")

        def since(other: str) -> int | None:
            pair = (min(focal, other), max(focal, other))
            return None if used is None else _run_start(defence_runs.get(pair, []), used)

        defence = atop["defense"].reindex(others).tolist()  # one lookup, not one per state
        rows = [
            _decide(memberships, focal, other, pledge, year, since)
            for other, pledge in zip(others, defence, strict=True)
        ]
        index = pd.Index(others, name="iso3")
        labels, commitments, bases, sources = ([row[k] for row in rows] for k in range(4))
        # the frame built whole, each column in its dtype: pandas operations column by
        # column cost more than the rules (a study asks once per threat actor and task)
        return pd.DataFrame(
            {
                "depth": pd.array(
                    [None if label is None else DEPTH_LEVELS[label] for label in labels],
                    dtype="Int64",
                ),
                "label": text_column(labels, index),
                "commitment": text_column(commitments, index),
                "basis": text_column(bases, index),
                "source": text_column(sources, index),
                "atop_defense": atop["defense"].array,
                "year_used": pd.array([used] * len(index), dtype="Int64"),
                "carried_forward": np.full(len(index), carried, dtype=bool),
                "stale": np.full(len(index), stale, dtype=bool),
            },
            index=index,
        )

    def nonaggression_codes(self, focal: str, others: Iterable[str], year: int) -> pd.DataFrame:
        """Which ATOP non-aggression pledges between ``focal`` and ``others`` rest on a code.

        A pledge rests on a code of conduct when the pair has an ATOP non-aggression pledge
        and no deeper obligation (defence, offence, neutrality, consultation) in ATOP's year
        used, both are parties to one code (``alliance_depth`` rows of level ``code``) at the
        end of that year, and the pair's unbroken run of non-aggression began no earlier than
        the later of their accession years (module docstring, "Codes of conduct").

        Returns a frame indexed by ``others`` with ``code`` (the commitment, e.g.
        ``"tac_code"``, or None), ``since`` (the first year of the pair's run of
        non-aggression; missing where no code applies), ``basis`` (one line: why) and
        ``source``. All None when ATOP does not cover the year or is stale (later years read
        ATOP's last year, 2018, like :meth:`alliance_depth`).
        """
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        used, _, stale = self._spell_year("atop", _year(year))
        found: list[tuple | None] = [None] * len(others)
        if used is not None and not stale:
            atop = self._atop_frame(focal, others, used, stale)
            deeper = _pledged(atop, ("defense", "offense", "neutral", "consul")).any(axis=1)
            only = _pledged(atop, ("nonagg",))[:, 0] & ~deeper
            parties = self._code_parties(used)
            runs = self._pair_runs("nonagg")
            for i in np.flatnonzero(only):
                found[i] = _code_for(parties, runs, focal, others[i], used)
        # the frame built whole from the rows found (a row written at a time cost ~0.1 ms)
        rows = [row or (None, None, None, None) for row in found]
        index = pd.Index(others, name="iso3")
        return pd.DataFrame(
            {
                "code": pd.Series([r[0] for r in rows], index=index, dtype=object),
                "since": pd.array([r[1] for r in rows], dtype="Int64"),
                "basis": pd.Series([r[2] for r in rows], index=index, dtype=object),
                "source": pd.Series([r[3] for r in rows], index=index, dtype=object),
            },
            index=index,
        )

    def _code_parties(self, year: int) -> dict[str, dict[str, dict]]:
        """member -> code -> its ``alliance_depth`` row in force at the end of ``year``."""
        key = ("code_parties", year)
        if key not in self._memo:
            table = self.frame("alliance_depth")
            table = table[table["level"] == CODE_LEVEL]
            active = table[
                (table["first_year"] <= year)
                & (table["last_year"].isna() | (table["last_year"] >= year))
            ]
            parties: dict[str, dict[str, dict]] = {}
            for row in active.to_dict("records"):
                parties.setdefault(row["member"], {})[row["commitment"]] = row
            self._memo[key] = parties
        return self._memo[key]  # type: ignore[return-value]

    def _pair_runs(self, kind: str) -> dict[tuple[str, str], list[tuple[int, int]]]:
        """Unordered pair -> its ATOP spells (either direction) with a ``kind`` obligation,
        as (first, last) years sorted by first year (last open where the table gives none).
        ``"nonagg"`` counts only spells with nothing deeper: a run of such spells is what a
        code of conduct can explain (a non-aggression promise that came with an alliance, the
        Warsaw Pact's, ended with it); ``"defense"`` counts every defence pledge."""
        key = ("pair_runs", kind)
        if key not in self._memo:
            spells = self.frame("atop")
            keep = spells[kind] == 1
            if kind == "nonagg":
                keep &= ~spells[["defense", "offense", "neutral", "consul"]].eq(1).any(axis=1)
            spells = spells[keep]
            a, b = spells["iso_a"].to_numpy(object), spells["iso_b"].to_numpy(object)
            low, high = np.where(a < b, a, b), np.where(a < b, b, a)
            runs: dict[tuple[str, str], list[tuple[int, int]]] = {}
            last = spells["last_year"].to_numpy()
            for lo, hi, first, end in zip(
                low, high, spells["first_year"].to_numpy(), last, strict=True
            ):
                # a spell still running where the table is cut (last year unknown) runs on
                last_year = _OPEN if pd.isna(end) else int(end)
                runs.setdefault((str(lo), str(hi)), []).append((int(first), last_year))
            for spans in runs.values():
                spans.sort()
            self._memo[key] = runs
        return self._memo[key]  # type: ignore[return-value]


def _pledged(atop: pd.DataFrame, kinds: tuple[str, ...]) -> np.ndarray:
    """(pairs, kinds) bool: where an :func:`~alliancescore.data.lookups.alliance_frame`
    holds each kind of obligation (False where the year is unknown)."""
    return np.column_stack(
        [atop[kind].to_numpy(dtype=np.float64, na_value=np.nan) == 1 for kind in kinds]
    )


def _run_start(spans: list[tuple[int, int]], year: int) -> int | None:
    """First year of the unbroken run of ``spans`` (adjacent years joined) that holds ``year``."""
    start: int | None = None
    reach = -1
    for first, last in spans:
        if first > year:
            break
        if start is None or first > reach + 1:
            start = first
        reach = max(reach, last)
    return start if start is not None and reach >= year else None


def _code_for(
    parties: dict[str, dict[str, dict]],
    runs: dict[tuple[str, str], list[tuple[int, int]]],
    focal: str,
    other: str,
    year: int,
) -> tuple | None:
    mine, theirs = parties.get(focal, {}), parties.get(other, {})
    shared = sorted(c for c in mine if c in theirs)
    if not shared:
        return None
    since = _run_start(runs.get((min(focal, other), max(focal, other)), []), year)
    if since is None:
        return None
    for code in shared:
        joined = max(int(mine[code]["first_year"]), int(theirs[code]["first_year"]))
        if since >= joined:
            basis = (
                f"ATOP's non-aggression pledge (since {since}) rests on "
                f"{CODE_NAMES.get(code, code)} ({code}): both parties from {joined}, a code of "
                "conduct, not a tie"
            )
            return (code, since, basis, mine[code]["source"])
    return None


class _Memberships:
    """Who is in which commitment in the year (``active``) and who ever was (``ever``)."""

    def __init__(self, active: pd.DataFrame, ever: pd.DataFrame):
        self.active: dict[str, dict[str, dict]] = {}
        for row in active.to_dict("records"):
            self.active.setdefault(row["member"], {})[row["commitment"]] = row
        self.ever: dict[str, dict[str, dict]] = {}
        for row in ever.sort_values("first_year").to_dict("records"):
            self.ever.setdefault(row["member"], {})[row["commitment"]] = row  # the latest span

    def shared(self, a: str, b: str) -> list[dict]:
        mine, theirs = self.active.get(a, {}), self.active.get(b, {})
        return [mine[c] for c in mine if c in theirs]

    def left(self, nation: str, commitment: str) -> int | None:
        """The last year ``nation`` took part in ``commitment``, if it has left it."""
        row = self.ever.get(nation, {}).get(commitment)
        if row is None or pd.isna(row["last_year"]):
            return None
        return int(row["last_year"])


def _decide(
    m: _Memberships,
    focal: str,
    other: str,
    defense: object,
    year: int,
    since: Callable[[str], int | None],
) -> tuple:
    if other == focal:
        return (None, None, "the focal nation itself", None)
    deep = [r for r in m.shared(focal, other) if r["level"] in DEEP_LEVELS]
    if deep:
        best = max(deep, key=lambda r: DEPTH_LEVELS[r["level"]])
        return (best["level"], best["commitment"], _both("in", best["commitment"]), best["source"])
    if defense is pd.NA or (isinstance(defense, float) and np.isnan(defense)):
        return (None, None, "ATOP does not cover the year (or is stale)", None)
    if int(defense) == 0:
        return ("none", None, "no ATOP defence pledge", None)
    left_eu = _left_eu_clause(m, focal, other, since)
    if left_eu is not None:
        return left_eu
    shared = {r["commitment"]: r for r in m.shared(focal, other)}
    if _GCC in shared:
        basis = _both("in", _GCC) + ": ATOP's pledge is the Gulf's, above the Arab League's"
        return ("pledge", _GCC, basis, shared[_GCC]["source"])
    if _ARAB in shared:
        return ("regional", _ARAB, _both("parties to", _ARAB), shared[_ARAB]["source"])
    in_oas = [n for n in (focal, other) if _OAS in m.ever.get(n, {})]
    if len(in_oas) < 2:
        return ("pledge", None, "ATOP defence pledge; depth not recorded", None)
    if _RIO in shared:
        return ("regional", _RIO, _both("parties to", _RIO), shared[_RIO]["source"])
    if _OAS in shared:
        outside = [n for n in (focal, other) if _RIO not in m.active.get(n, {})]
        parts = [
            f"{n} left the Rio Treaty after {m.left(n, _RIO)}"
            if m.left(n, _RIO) is not None
            else f"{n} is not a Rio Treaty party"
            for n in outside
        ]
        basis = "ATOP's pledge rests on the OAS Charter alone: " + "; ".join(parts)
        return ("charter", _OAS, basis, shared[_OAS]["source"])
    gone = [n for n in (focal, other) if _OAS not in m.active.get(n, {})]
    basis = "; ".join(f"{n} left the OAS Charter after {m.left(n, _OAS)}" for n in gone)
    source = m.ever[gone[0]][_OAS]["source"]
    return ("none", _OAS, f"ATOP's pledge rests on hemispheric instruments: {basis}", source)


def _left_eu_clause(
    m: _Memberships, focal: str, other: str, since: Callable[[str], int | None]
) -> tuple | None:
    """Rule 5: ``none`` when ATOP's pledge rests on the EU's mutual assistance clause and one
    of the pair has left the Union; None when the rule does not apply."""
    spans = [m.ever.get(n, {}).get(_EU) for n in (focal, other)]
    gone = [n for n in (focal, other) if _EU not in m.active.get(n, {})]
    if any(span is None for span in spans) or not gone:
        return None
    start = since(other)
    joined = max(int(span["first_year"]) for span in spans if span is not None)
    if start is None or start < joined:
        return None  # a pledge older than the clause is a treaty of its own
    left = "; ".join(f"{n} left the EU after {m.left(n, _EU)}" for n in gone)
    basis = f"ATOP's pledge (since {start}) rests on the EU's mutual assistance clause: {left}"
    return ("none", _EU, basis, m.ever[gone[0]][_EU]["source"])


def _both(verb: str, commitment: str) -> str:
    return f"both {verb} {commitment} at the end of the year"
