"""One function per built table: read the shared source files, map to ISO3, keep what is needed.

Each ``build_<table>(ctx)`` returns a DataFrame with the columns of
:data:`alliancescore.data.schema.TABLES` ``[<table>]``. Rules shared by all of them:

* codes and names are mapped through the project crosswalk, year by year; a code or name that
  is neither mapped nor set aside in ``data/files/reference/set_aside.csv`` stops the build with an
  error naming the source file and line;
* only years from 1946 are kept (a spell that began earlier keeps its true start);
* nation-year tables keep only years in which the nation was a state (COW or Gleditsch-Ward
  list), which drops back-projections such as World Bank Russia before 1992;
* when two source codes map to one nation in one year (COW 260 and 255 for Germany in 1990),
  the row of the code with the higher crosswalk priority is kept;
* missing values stay missing; counts of everything dropped are recorded in ``ctx.stats``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from alliancescore.data.builders_capitals import build_capitals
from alliancescore.data.builders_common import BuildContext, map_code_column, map_name_column
from alliancescore.data.builders_depth import build_alliance_depth
from alliancescore.data.builders_forces import build_contested_un_seats, build_no_armed_forces
from alliancescore.data.builders_nations import (
    build_gdp_sdp,
    build_gdp_wb,
    build_majors,
    build_nmc,
    build_nuclear,
    build_sipri_milex,
    build_states,
    build_uds,
    build_unga,
    build_vdem,
    build_warheads,
)
from alliancescore.data.builders_pairs import (
    build_arms_shares,
    build_atop,
    build_contiguity,
    build_mid_cow,
    build_mid_gml,
    build_rivalry_td,
    build_rivalry_tss,
    build_ucdp,
)
from alliancescore.data.builders_relations import build_diplomatic_relations

__all__ = ["BUILDERS", "BuildContext", "map_code_column", "map_name_column"]

BUILDERS: dict[str, Callable[[BuildContext], pd.DataFrame]] = {
    "states": build_states,  # first: it defines which nation-years are state-years
    "majors": build_majors,
    "capitals": build_capitals,
    "nmc": build_nmc,
    "sipri_milex": build_sipri_milex,
    "unga": build_unga,
    "vdem": build_vdem,
    "uds": build_uds,
    "gdp_wb": build_gdp_wb,
    "gdp_sdp": build_gdp_sdp,
    "nuclear": build_nuclear,
    "warheads": build_warheads,
    "atop": build_atop,
    "alliance_depth": build_alliance_depth,
    "diplomatic_relations": build_diplomatic_relations,
    "no_armed_forces": build_no_armed_forces,
    "contested_un_seats": build_contested_un_seats,
    "contiguity": build_contiguity,
    "rivalry_tss": build_rivalry_tss,
    "rivalry_td": build_rivalry_td,
    "mid_cow": build_mid_cow,
    "mid_gml": build_mid_gml,
    "ucdp": build_ucdp,
    "arms_shares": build_arms_shares,
}
"""Table name -> builder, in build order."""
