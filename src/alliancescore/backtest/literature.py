"""The literature baseline: a logistic model of alliance formation fitted on 1950-1980 and
applied unchanged to every later window.

**Model.** For an undirected pair {a, b} of states existing in Y and not defence-allied in Y,
``P(new defence pact in Y+1..Y+10) = 1 / (1 + exp(-x_ab(Y) . beta))``, in the spirit of the
dyadic alliance-formation models of Lai & Reiter (2000, "Democracy, political similarity, and
international alliances, 1816-1992", JCR 44(2)) and Gibler & Wolford (2006, "Alliances, then
democracy", JCR 50(1)): not a replication (their samples, years and codings differ), but
their kind of covariates, from the data this project ships, each measured at Y from data at
or before Y (see :data:`COVARIATES`):

============================  ===========================================================
``log_distance``              ``ln(1 + km)`` between capitals at the end of Y (capitals)
``land_contiguity``           1 if COW direct contiguity type 1 (land or river border)
``sea_contiguity``            1 if COW type 2-5 (up to 400 miles of water), 0 otherwise
``joint_democracy``           ``min(p_a, p_b)``, V-Dem polyarchy latest at or before Y (the
                              weak-link form of joint democracy; Lai & Reiter 2000)
``regime_similarity``         ``1 - |p_a - p_b|`` (political similarity; Lai & Reiter 2000)
``capability_ratio``          ``|ln cinc_a - ln cinc_b|`` (NMC CINC at Y; power asymmetry)
``major_power``               1 if either state is a COW major power in Y
``common_threats``            ``ln(1 + |T(a) & T(b)|)``: threat actors the two share under
                              the backtest's own threat rule (:mod:`.threats`: rivals
                              active in Y, dispute opponents in Y-9..Y); common external
                              threat (Lai & Reiter 2000; Gibler & Wolford 2006)
``mutual_threat``             1 if either is a threat actor of the other (rivals or recent
                              dispute opponents)
``security_partnership``      1 if an ATOP offence, neutrality or consultation obligation
                              holds between them in Y (a lesser tie)
``nonaggression_only``        1 if only an ATOP non-aggression pact holds in Y
============================  ===========================================================

**Missing values.** V-Dem lacks some states (in the fitting sample only Cameroon in 1960;
about twenty small states from 2000), and a capital or a CINC score could be missing: the
covariate then takes its fitting-sample mean (0 on the standardised scale), so it says nothing
about the pair; each window reports how many pairs were filled so. There is no missing-data
dummy: the only gap in the fitting sample is Cameroon's 106 pair-windows of 1960, 12 of them
positives (the 1961 African and Malagasy Union pact), so a dummy learns that one treaty (it
was tried: +2.8 log-odds) and would then lift every pair with a V-Dem gap in later windows.
Contiguity and ATOP cover every year a backtest window can start (1946-2008); a gap there is
an error.

**Fitting.** Maximum likelihood (:func:`.logit.fit_logit`, Newton-Raphson) on the pooled
pair-windows of every reference year Y in :data:`FIT_YEARS` (1950-1970) with horizon 10,
under the backtest's own rules (:mod:`.outcomes`: a positive is a pair with a defence
obligation in Y+1..Y+10 and none in Y; pairs allied in Y are left out). So the fit reads
covariates at 1950-1970 and pacts formed up to 1980, nothing later; a test fits on the data
truncated at the end of 1980 and gets the same coefficients. Continuous covariates are
standardised for the fit (mean and standard deviation over the fitting sample); the
coefficients are reported per unit of each covariate.

**Use.** In a backtest window the model's linear predictor ``x_ab(Y) . beta`` ranks the
candidates (the same score from both sides of a pair). Windows whose labels end by 1980
overlap the fitting sample: their literature figures are in-sample
(:func:`~.run.window_role` says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.data import TABLES, Dataset
from alliancescore.data.lookups import active_spells, spell_year
from alliancescore.errors import AllianceScoreError, Problem

from .logit import LogitFit, fit_logit
from .outcomes import defence_pairs_at, new_defence_pacts
from .threats import ThreatRule, derive_threats

__all__ = [
    "COVARIATES",
    "FIT_HORIZON",
    "FIT_YEARS",
    "LiteratureModel",
    "fit_literature_model",
    "literature_model",
    "pair_covariates",
]

FIT_YEARS = tuple(range(1950, 1971))
"""Reference years of the fitting windows: each Y with its pacts in Y+1..Y+10, so that the fit
sees nothing after 1980."""
FIT_HORIZON = 10
FIT_LAST_YEAR = FIT_YEARS[-1] + FIT_HORIZON

COVARIATES: dict[str, str] = {
    "log_distance": "ln(1 + km) between capitals at the end of Y (capitals)",
    "land_contiguity": "COW direct contiguity type 1, land or river border (contiguity)",
    "sea_contiguity": "COW direct contiguity type 2-5, up to 400 miles of water (contiguity)",
    "joint_democracy": "lower V-Dem polyarchy of the two, latest at or before Y (vdem)",
    "regime_similarity": "1 - |polyarchy gap| (vdem)",
    "capability_ratio": "|ln CINC_a - ln CINC_b| at Y (nmc)",
    "major_power": "either state a COW major power in Y (majors)",
    "common_threats": "ln(1 + threat actors both share) under the backtest's threat rule "
    "(rivalry_tss, mid_cow)",
    "mutual_threat": "either is a threat actor of the other: rivals or recent dispute "
    "opponents (rivalry_tss, mid_cow)",
    "security_partnership": "ATOP offence, neutrality or consultation obligation in Y (atop)",
    "nonaggression_only": "ATOP non-aggression pact only in Y (atop)",
}
"""The covariates and what each is, in the order of the design matrix."""

_CONTINUOUS = ("log_distance", "joint_democracy", "regime_similarity", "capability_ratio",
               "common_threats")  # fmt: skip


def _upper(matrix: np.ndarray) -> np.ndarray:
    i, j = np.triu_indices(matrix.shape[0], k=1)
    return matrix[i, j]


def _index(rows: pd.DataFrame, states: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    where = {s: i for i, s in enumerate(states)}
    ia, ib = rows["iso_a"].map(where), rows["iso_b"].map(where)
    keep = (ia.notna() & ib.notna()).to_numpy()
    return keep, ia[keep].to_numpy(int), ib[keep].to_numpy(int)


def _contiguity_matrix(data: Dataset, year: int, states: list[str]) -> np.ndarray:
    """Closest COW direct-contiguity type (1-5, 0 = none) of every pair in ``year``, by the
    data layer's spell rule (:meth:`~alliancescore.data.Dataset.contiguity_matrix`, without
    its per-column conversions); an error where the table is stale or does not cover."""
    spec = TABLES["contiguity"]
    used, _, stale = spell_year(year, spec.first_year, spec.last_year, spec.max_staleness_years)
    if used is None or stale:
        raise AllianceScoreError(
            Problem(f"literature baseline at {year}", "COW contiguity data covering the year",
                    "none" if used is None else f"stale (data end {spec.last_year})")
        )  # fmt: skip
    rows = active_spells(data.frame("contiguity"), used)
    keep, ia, ib = _index(rows, states)
    m = np.full((len(states), len(states)), np.inf)
    np.minimum.at(m, (ia, ib), rows["conttype"].to_numpy(dtype=np.float64)[keep])
    m = np.minimum(m, m.T)
    return np.where(np.isinf(m), 0.0, m)


def _threat_matrix(data: Dataset, year: int, states: list[str], rule: ThreatRule) -> np.ndarray:
    _, table = derive_threats(data, year, states, states, rule)
    where = {s: i for i, s in enumerate(states)}
    m = np.zeros((len(states), len(states)))
    m[table["focal"].map(where).to_numpy(int), table["actor"].map(where).to_numpy(int)] = 1.0
    return np.maximum(m, m.T)


def _atop_matrices(
    data: Dataset, year: int, states: list[str], kinds: Sequence[Sequence[str]]
) -> list[np.ndarray]:
    """Per group of ``kinds``: 1 where an ATOP obligation of one of them holds in ``year``
    either way (the rows of :meth:`~alliancescore.data.Dataset.alliance_pairs`)."""
    spec = TABLES["atop"]
    used, _, stale = spell_year(year, spec.first_year, spec.last_year, spec.max_staleness_years)
    if used is None or stale:
        raise AllianceScoreError(
            Problem(f"literature baseline at {year}", "ATOP data covering the year",
                    "none" if used is None else f"stale (data end {spec.last_year})")
        )  # fmt: skip
    rows = data.alliance_pairs(year)
    keep, ia, ib = _index(rows, states)
    out = []
    for group in kinds:
        held = (rows[list(group)].fillna(0).to_numpy(dtype=np.float64) > 0).any(axis=1)[keep]
        m = np.zeros((len(states), len(states)))
        m[ia[held], ib[held]] = 1.0
        out.append(np.maximum(m, m.T))
    return out


def pair_covariates(
    data: Dataset, year: int, states: Sequence[str], rule: ThreatRule | None = None
) -> pd.DataFrame:
    """The raw covariates of every undirected pair (``a`` < ``b``) of ``states`` in ``year``:
    ``a``, ``b`` and one column per :data:`COVARIATES` entry (NaN where the data lack a
    value). Everything read is at or before ``year``."""
    rule = rule or ThreatRule()
    states = sorted(states)
    i, j = np.triu_indices(len(states), k=1)
    a, b = np.asarray(states, dtype=object)[i], np.asarray(states, dtype=object)[j]
    out: dict[str, Any] = {"a": a, "b": b}
    km = data.distance_matrix(states, year).to_numpy(dtype="float64", na_value=np.nan)
    out["log_distance"] = np.log1p(_upper(km))
    cont = _contiguity_matrix(data, year, states)
    out["land_contiguity"] = (_upper(cont) == 1).astype(float)
    out["sea_contiguity"] = ((_upper(cont) >= 2) & (_upper(cont) <= 5)).astype(float)
    poly = data.values("vdem", "v2x_polyarchy", states, year)["v2x_polyarchy"]
    p = poly.to_numpy(dtype="float64", na_value=np.nan)
    out["joint_democracy"] = np.minimum(p[i], p[j])
    out["regime_similarity"] = 1.0 - np.abs(p[i] - p[j])
    cinc = data.values("nmc", "cinc", states, year)["cinc"].to_numpy("float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_cinc = np.where(cinc > 0, np.log(np.where(cinc > 0, cinc, 1.0)), np.nan)
    out["capability_ratio"] = np.abs(log_cinc[i] - log_cinc[j])
    majors = np.isin(np.asarray(states, dtype=object), data.major_powers(year))
    out["major_power"] = (majors[i] | majors[j]).astype(float)
    threat = _threat_matrix(data, year, states, rule)
    out["common_threats"] = np.log1p(_upper(threat @ threat.T))
    out["mutual_threat"] = _upper(threat)
    lesser, nonagg = _atop_matrices(
        data, year, states, [("offense", "neutral", "consul"), ("nonagg",)]
    )
    out["security_partnership"] = _upper(lesser)
    out["nonaggression_only"] = ((_upper(nonagg) > 0) & (_upper(lesser) == 0)).astype(float)
    return pd.DataFrame(out)


def _design(
    frame: pd.DataFrame, terms: Sequence[str], means: dict[str, float], sds: dict[str, float]
) -> np.ndarray:
    """Intercept, then each term; continuous ones filled by their mean where missing and
    standardised."""
    columns = [np.ones(len(frame))]
    for term in terms[1:]:
        values = frame[term].to_numpy(dtype=np.float64)
        if term in means:
            values = np.where(np.isnan(values), means[term], values)
            values = (values - means[term]) / sds[term]
        columns.append(values)
    return np.column_stack(columns)


def _window_sample(data: Dataset, year: int, horizon: int, rule: ThreatRule) -> pd.DataFrame:
    """One fitting window: covariates of the pairs not allied in ``year``, with labels."""
    states = data.states(year)
    frame = pair_covariates(data, year, states, rule)
    keys = pd.MultiIndex.from_frame(frame[["a", "b"]])
    allied = defence_pairs_at(data, year)
    frame = frame[~keys.isin(pd.MultiIndex.from_frame(allied[["a", "b"]]))]
    pacts = new_defence_pacts(data, year, horizon, states, allied)
    keys = pd.MultiIndex.from_frame(frame[["a", "b"]])
    frame = frame.assign(positive=keys.isin(pd.MultiIndex.from_frame(pacts[["a", "b"]])), year=year)
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class LiteratureModel:
    """The fitted literature baseline.

    terms : the model's terms in order: ``intercept``, then the covariates.
    coef : coefficient per unit of each term (the linear predictor on raw covariates).
    std_coef, std_err : coefficient and its standard error on the standardised scale
        (continuous covariates in standard deviations of the fitting sample); the standard
        errors assume independent pair-windows, which they are not: for reference only.
    means, sds : fitting-sample mean and standard deviation of each continuous covariate
        (``means`` also fills a missing value).
    """

    terms: tuple[str, ...]
    coef: np.ndarray
    std_coef: np.ndarray
    std_err: np.ndarray
    means: dict[str, float]
    sds: dict[str, float]
    fit: LogitFit
    years: tuple[int, ...]
    horizon: int
    rule: str

    def design(self, frame: pd.DataFrame) -> np.ndarray:
        """The standardised design of ``frame`` (from :func:`pair_covariates`)."""
        return _design(frame, self.terms, self.means, self.sds)

    def predictor(self, frame: pd.DataFrame) -> np.ndarray:
        """The linear predictor (log-odds of a new pact) of each pair of ``frame``."""
        return self.design(frame) @ self.std_coef

    def table(self) -> pd.DataFrame:
        """One row per term: coefficient per unit, standardised coefficient, its standard
        error, the fitting mean and sd, and what the term is."""
        described = {**COVARIATES, "intercept": "constant (log-odds at 0 of every raw covariate)"}
        return pd.DataFrame(
            {
                "term": list(self.terms),
                "coef": self.coef,
                "std_coef": self.std_coef,
                "std_err": self.std_err,
                "mean": [self.means.get(t, np.nan) for t in self.terms],
                "sd": [self.sds.get(t, np.nan) for t in self.terms],
                "description": [described[t] for t in self.terms],
            }
        )

    def summary(self) -> dict[str, Any]:
        return {
            "fit_years": [self.years[0], self.years[-1]],
            "horizon": self.horizon,
            "labels_until": self.years[-1] + self.horizon,
            "pair_windows": self.fit.n,
            "positives": self.fit.positives,
            "log_likelihood": self.fit.log_likelihood,
            "null_log_likelihood": self.fit.null_log_likelihood,
            "mcfadden_r2": 1.0 - self.fit.log_likelihood / self.fit.null_log_likelihood
            if self.fit.null_log_likelihood
            else None,
            "iterations": self.fit.iterations,
            "threat_rule": self.rule,
        }


def fit_literature_model(
    data: Dataset,
    years: Sequence[int] = FIT_YEARS,
    horizon: int = FIT_HORIZON,
    rule: ThreatRule | None = None,
) -> LiteratureModel:
    """Fit the literature baseline on the windows ``years`` (see the module docstring)."""
    rule = rule or ThreatRule()
    years = tuple(int(y) for y in years)
    sample = pd.concat([_window_sample(data, y, horizon, rule) for y in years], ignore_index=True)
    if not sample["positive"].any() or sample["positive"].all():
        raise AllianceScoreError(
            Problem(
                "literature baseline",
                f"new defence pacts and pairs without in the windows {years[0]}-{years[-1]}",
                f"{int(sample['positive'].sum())} of {len(sample)} pair-windows positive",
                "Pass literature=False to run_backtest",
            )
        )
    means, sds = {}, {}
    for name in _CONTINUOUS:
        values = sample[name].to_numpy(dtype=np.float64)
        means[name] = float(np.nanmean(values))
        sds[name] = float(np.nanstd(values))
    terms = ("intercept", *COVARIATES)
    fit = fit_logit(_design(sample, terms, means, sds), sample["positive"].to_numpy(bool))
    coef = fit.coef.copy()
    for k, term in enumerate(terms):
        if term in sds:
            coef[k] = fit.coef[k] / sds[term]
            coef[0] -= fit.coef[k] * means[term] / sds[term]
    return LiteratureModel(
        terms=terms,
        coef=coef,
        std_coef=fit.coef,
        std_err=fit.std_err,
        means=means,
        sds=sds,
        fit=fit,
        years=years,
        horizon=horizon,
        rule=f"threat actors: rivals active in Y ({rule.rivalry_table}) and dispute opponents "
        f"in the {rule.window_years} years to Y ({rule.mid_table})",
    )


@lru_cache(maxsize=4)
def _cached(data: Dataset, rule: ThreatRule) -> LiteratureModel:
    return fit_literature_model(data, rule=rule)


def literature_model(data: Dataset, rule: ThreatRule | None = None) -> LiteratureModel:
    """The literature baseline fitted on ``data`` (once per data set and rule per process)."""
    return _cached(data, rule or ThreatRule())
