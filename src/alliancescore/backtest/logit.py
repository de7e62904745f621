"""Binary logistic regression by maximum likelihood (Newton-Raphson, i.e. iteratively
reweighted least squares), in numpy.

Model: ``P(y = 1 | x) = 1 / (1 + exp(-x . beta))``. The log-likelihood
``l(beta) = sum_i y_i eta_i - log(1 + exp(eta_i))`` with ``eta = X beta`` is concave; Newton's
step is ``beta <- beta + (X' W X)^-1 X' (y - p)`` with ``W = diag(p (1 - p))`` (McCullagh &
Nelder 1989, *Generalized Linear Models*, 2nd ed., section 4.4; Agresti 2013, *Categorical
Data Analysis*, 3rd ed., section 4.6). Iteration stops when the largest change of a
coefficient is below ``tol``; a fit that has not converged after ``max_iter`` steps (e.g. a
covariate that separates the outcomes perfectly, where the maximum is at infinity) is an
error, not a result.

Standard errors come from the inverse of the observed information ``X' W X`` at the
estimate. They assume independent observations; the backtest's pair-years are not (windows
overlap, pairs repeat), so they are reported for reference only, and the model is used for
its point estimates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["LogitFit", "fit_logit", "log_likelihood"]


@dataclass(frozen=True)
class LogitFit:
    """A fitted logistic regression (coefficients in the order of the design's columns)."""

    coef: np.ndarray
    std_err: np.ndarray
    log_likelihood: float
    null_log_likelihood: float  # intercept only (when the design has a constant column)
    iterations: int
    n: int
    positives: int


def _expit(eta: np.ndarray) -> np.ndarray:
    out = np.empty_like(eta)
    pos = eta >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-eta[pos]))
    e = np.exp(eta[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def log_likelihood(beta: ArrayLike, x: ArrayLike, y: ArrayLike) -> float:
    """``sum_i y_i eta_i - log(1 + exp(eta_i))``, computed stably."""
    eta = np.asarray(x, dtype=np.float64) @ np.asarray(beta, dtype=np.float64)
    yy = np.asarray(y, dtype=np.float64)
    return float(np.sum(yy * eta - np.logaddexp(0.0, eta)))


def fit_logit(x: ArrayLike, y: ArrayLike, *, tol: float = 1e-10, max_iter: int = 100) -> LogitFit:
    """Maximum-likelihood logistic regression of 0/1 ``y`` on the design ``x`` (rows x
    columns; include a column of ones for an intercept)."""
    xx = np.asarray(x, dtype=np.float64)
    yy = np.asarray(y)
    if xx.ndim != 2 or yy.shape != (xx.shape[0],):
        raise AllianceScoreError(
            Problem("logit", "a design (rows x columns) and one label per row", f"{xx.shape}")
        )
    if not np.isfinite(xx).all():
        raise AllianceScoreError(Problem("logit design", "finite numbers", "NaN or inf"))
    if not np.isin(yy, (0, 1)).all():
        raise AllianceScoreError(
            Problem("logit labels", "0 or 1", repr(yy[~np.isin(yy, (0, 1))][0]))
        )
    yy = yy.astype(np.float64)
    if np.linalg.matrix_rank(xx) < xx.shape[1]:
        raise AllianceScoreError(
            Problem("logit design", "linearly independent columns", "a rank-deficient design")
        )
    beta = np.zeros(xx.shape[1])
    iterations = 0
    while True:
        iterations += 1
        p = _expit(xx @ beta)
        w = p * (1.0 - p)
        info = xx.T @ (xx * w[:, None])
        try:
            step = np.linalg.solve(info, xx.T @ (yy - p))
        except np.linalg.LinAlgError:
            step = np.full(beta.size, np.nan)
        if not np.isfinite(step).all() or iterations >= max_iter:
            found = "a singular information matrix" if not np.isfinite(step).all() else (
                f"a last step of {np.max(np.abs(step)):.3g}"
            )  # fmt: skip
            raise AllianceScoreError(
                Problem(
                    "logit",
                    f"convergence within {max_iter} Newton steps",
                    f"{found} after {iterations}",
                    "A covariate may separate the outcomes perfectly (the maximum is at infinity)",
                )
            )
        beta = beta + step
        if np.max(np.abs(step)) < tol:
            break
    p = _expit(xx @ beta)
    info = xx.T @ (xx * (p * (1.0 - p))[:, None])
    std_err = np.sqrt(np.diag(np.linalg.inv(info)))
    rate = yy.mean()
    null = (
        float(yy.sum() * np.log(rate) + (yy.size - yy.sum()) * np.log1p(-rate))
        if 0.0 < rate < 1.0
        else 0.0
    )
    return LogitFit(
        coef=beta,
        std_err=std_err,
        log_likelihood=log_likelihood(beta, xx, yy),
        null_log_likelihood=null,
        iterations=iterations,
        n=int(yy.size),
        positives=int(yy.sum()),
    )
