"""Charts for the HTML reports: matplotlib figures rendered to inline SVG strings.

No pyplot and no global backend: each chart is a :class:`matplotlib.figure.Figure` saved as
SVG with text kept as text (no embedded fonts), then cleaned for inlining in HTML (no XML
prolog, doctype, metadata or namespace addresses; element ids prefixed per chart so that
several charts in one page never share an id). Every text a chart shows is escaped by
matplotlib's SVG writer; dollar signs are escaped so a label is never read as mathtext.

Readable for colour-blind readers and in greyscale print: heatmaps use cividis (monotone in
lightness), lines the Okabe-Ito palette together with distinct markers and line styles, and
stacked bars add hatching.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from collections.abc import Sequence

import matplotlib
import numpy as np
from markupsafe import Markup, escape
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

__all__ = [
    "OKABE_ITO",
    "bump_chart",
    "contribution_bars",
    "decile_bars",
    "gaia_plane",
    "grouped_hbars",
    "heatmap",
    "partner_timeline",
    "rank_dots",
    "roc_curves",
    "svg",
    "sweep_panels",
]

# Okabe & Ito (2008), ordered so that the first colours are the most distinct on white.
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", "-.", ":")
# Line hatches only: dotted and circled hatches are drawn as thousands of curves in SVG.
HATCHES = ("", "//", "\\\\", "xx", "--", "||", "++", "///")

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "alliancescore",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans"],
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
    "path.simplify": True,
}


def label(text: object, limit: int = 42) -> str:
    """Text safe for matplotlib (no mathtext) and short enough for an axis."""
    s = str(text)
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s.replace("$", r"\$")


_NUMBER = re.compile(r"(-?\d+\.\d)\d+")


def _compact_tag(m: re.Match) -> str:
    """Coordinates to 0.1 pt and whitespace collapsed, inside one tag (never in text)."""
    return re.sub(r"\s+", " ", _NUMBER.sub(r"\1", m.group(0)))


def _clean(text: str, prefix: str, title: str) -> str:
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    text = text.replace("xlink:href=", "href=")
    text = re.sub(  # base64 of embedded images on one line
        r'href="data:([^"]*)"', lambda m: 'href="data:' + re.sub(r"\s+", "", m.group(1)) + '"', text
    )
    text = re.sub(r"<[^<>]+>", _compact_tag, text)
    text = re.sub(r">\s+<", "><", text)
    # The page's style sheet sets the font of chart text (svg.chart text) once.
    text = re.sub(r"font-family: [^;\"]*;?\s*", "", text)
    referenced = set(re.findall(r'(?:url\(|href=")#([^)"]+)', text))
    # Drop the ids nothing refers to (matplotlib names every group); prefix the rest.
    text = re.sub(
        r'\s\bid="([^"]+)"',
        lambda m: f' id="{prefix}-{m.group(1)}"' if m.group(1) in referenced else "",
        text,
    )
    ids = referenced

    def ref(m: re.Match) -> str:
        name = m.group(2)
        return f"{m.group(1)}#{prefix}-{name}" if name in ids else m.group(0)

    text = re.sub(r'(url\(|href=")#([^)"]+)', ref, text)
    escaped = str(escape(title))
    text = text.replace("<svg ", f'<svg role="img" aria-label="{escaped}" class="chart" ', 1)
    return text.strip()


def svg(fig: Figure, title: str) -> Markup:
    """The figure as an SVG element ready to inline (``title`` becomes its accessible name).

    A label in a script the layout font lacks (``日米豪印``) is measured with a stand-in glyph;
    the SVG keeps it as text that the browser draws in a font of its own, so matplotlib's
    warning for each missing glyph is not shown (other warnings are).
    """
    buffer = io.StringIO()
    with rc_context(_RC), warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"Glyph .* missing from font", category=UserWarning
        )
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    # Ids prefixed by a digest of the chart: unique per chart, the same on every run.
    prefix = "c" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return Markup(_clean(text, prefix, title))


def _figure(width: float, height: float) -> Figure:
    with rc_context(_RC):
        return Figure(figsize=(width, height), layout="constrained")


def contribution_bars(
    labels: Sequence[str],
    parts: Sequence[str],
    values: np.ndarray,
    title: str,
) -> Markup:
    """Stacked horizontal bars: per alternative (rows, best first), each criterion's share of
    the score (columns of ``values``)."""
    values = np.asarray(values, dtype=float)
    n = len(labels)
    with rc_context(_RC):
        fig = _figure(7.5, 0.9 + 0.24 * n)
        ax = fig.add_subplot()
        left = np.zeros(n)
        y = np.arange(n)
        for k, part in enumerate(parts):
            ax.barh(
                y,
                values[:, k],
                left=left,
                color=OKABE_ITO[k % len(OKABE_ITO)],
                hatch=HATCHES[k % len(HATCHES)],
                edgecolor="white",
                linewidth=0.5,
                label=label(part, 30),
            )
            left += values[:, k]
        ax.set_yticks(y, [label(s, 38) for s in labels])
        ax.invert_yaxis()
        ax.set_xlabel("weighted value (sum = weighted-sum score on indicator values)")
        fig.legend(loc="outside upper center", ncols=min(4, len(parts)), frameon=False, fontsize=8)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        return svg(fig, title)


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: np.ndarray,
    title: str,
    colorbar: str = "share of draws",
    xlabel: str = "rank",
) -> Markup:
    """A rows x columns heatmap in cividis, 0 to 1 (vector cells, no embedded image)."""
    values = np.asarray(values, dtype=float)
    with rc_context(_RC):
        fig = _figure(7.5, 1.2 + 0.22 * len(rows))
        ax = fig.add_subplot()
        # One pixel per cell, embedded as a small PNG drawn with crisp edges: a few kB
        # where vector cells take ~100 bytes each.
        mesh = ax.imshow(
            values, cmap="cividis", vmin=0.0, vmax=1.0, interpolation="none", aspect="auto"
        )
        ax.set_xticks(np.arange(len(columns)), [label(c, 12) for c in columns])
        ax.set_yticks(np.arange(len(rows)), [label(r, 34) for r in rows])
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.set_xlabel(xlabel)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = fig.colorbar(mesh, ax=ax, shrink=0.6, pad=0.02)
        bar.set_label(colorbar)
        return svg(fig, title)


def sweep_panels(
    panels: Sequence[dict],
    series: Sequence[str],
    title: str,
    max_rank: int = 10,
) -> Markup:
    """Small multiples of rank trajectories under a weight sweep.

    Each panel: ``title``, ``t`` (g,), ``ranks`` (g, len(series)), ``t0`` (the profile's
    weight, a vertical line) and optionally ``band`` (low, high): the interval of this weight
    that keeps the top choice (shaded).
    """
    count = len(panels)
    cols = 2 if count > 1 else 1
    rows = int(np.ceil(count / cols))
    with rc_context(_RC):
        fig = _figure(7.5, 0.7 + 2.3 * rows)
        axes = fig.subplots(rows, cols, squeeze=False, sharey=True)
        handles: list[Line2D] = []
        names: list[str] = []
        for i, panel in enumerate(panels):
            ax = axes[i // cols][i % cols]
            band = panel.get("band")
            if band is not None and np.all(np.isfinite(band)):
                ax.axvspan(band[0], band[1], color="#e8e8e8", linewidth=0)
            t = np.asarray(panel["t"], dtype=float)
            ranks = np.asarray(panel["ranks"], dtype=float)
            for k, name in enumerate(series):
                style = {
                    "color": OKABE_ITO[k % len(OKABE_ITO)],
                    "linestyle": LINESTYLES[k % len(LINESTYLES)],
                    "marker": MARKERS[k % len(MARKERS)],
                }
                x, y = _steps(t, ranks[:, k], max_rank)
                ax.plot(
                    x,
                    y,
                    color=style["color"],
                    linestyle=style["linestyle"],
                    linewidth=1.3,
                    drawstyle="steps-post",
                )
                # Markers at a few fixed points, staggered per line, for greyscale print.
                at = np.arange(k % 4 * 5, len(t), max(1, len(t) // 6))
                shown = ranks[at, k] <= max_rank
                ax.plot(
                    t[at][shown],
                    ranks[at, k][shown],
                    color=style["color"],
                    marker=style["marker"],
                    linestyle="",
                    markersize=4,
                )
                if i == 0:
                    handles.append(Line2D([], [], linewidth=1.3, markersize=4, **style))
                    names.append(label(name, 28))
            ax.axvline(panel["t0"], color="black", linewidth=0.8, linestyle=(0, (2, 2)))
            ax.set_title(label(panel["title"], 48))
            ax.set_xlim(0, 1)
            ax.set_ylim(max_rank + 0.5, 0.5)
            ax.set_yticks(range(1, max_rank + 1, 1 if max_rank <= 10 else 2))
            ax.set_xlabel("weight of this criterion")
            if i % cols == 0:
                ax.set_ylabel("rank")
            ax.grid(color="#eeeeee", linewidth=0.5)
        for j in range(count, rows * cols):
            axes[j // cols][j % cols].set_visible(False)
        fig.legend(
            handles,
            names,
            loc="outside lower center",
            ncols=min(4, len(series)),
            frameon=False,
            fontsize=8,
        )
        return svg(fig, title)


def _steps(t: np.ndarray, ranks: np.ndarray, max_rank: int) -> tuple[np.ndarray, np.ndarray]:
    """A rank trajectory reduced to its change points (drawn as steps; a rank beyond
    ``max_rank`` becomes a gap)."""
    keep = np.ones(len(t), dtype=bool)
    keep[1:-1] = ranks[1:-1] != ranks[:-2]
    x, y = t[keep], ranks[keep]
    return x, np.where(y <= max_rank, y, np.nan)


def rank_dots(
    labels: Sequence[str], methods: Sequence[str], ranks: np.ndarray, title: str
) -> Markup:
    """Per alternative (rows), its rank under each method (a marker per method)."""
    ranks = np.asarray(ranks, dtype=float)
    n = len(labels)
    with rc_context(_RC):
        fig = _figure(7.5, 1.0 + 0.24 * n)
        ax = fig.add_subplot()
        y = np.arange(n)
        spread = np.linspace(-0.22, 0.22, len(methods)) if len(methods) > 1 else [0.0]
        for k, method in enumerate(methods):
            ax.scatter(
                ranks[:, k],
                y + spread[k],
                marker=MARKERS[k % len(MARKERS)],
                color=OKABE_ITO[k % len(OKABE_ITO)],
                s=22,
                label=label(method, 30),
                zorder=3,
            )
        ax.set_yticks(y, [label(s, 38) for s in labels])
        ax.invert_yaxis()
        ax.set_xlabel("rank (1 = best)")
        ax.set_xlim(0.5, max(float(np.nanmax(ranks)) + 0.5, 2))
        ax.grid(color="#eeeeee", linewidth=0.5)
        fig.legend(
            loc="outside upper center", ncols=min(4, len(methods)), frameon=False, fontsize=8
        )
        return svg(fig, title)


def bump_chart(
    labels: Sequence[str], columns: Sequence[str], ranks: np.ndarray, title: str
) -> Markup:
    """Ranks of the same alternatives (lines) across several analyses (x positions)."""
    ranks = np.asarray(ranks, dtype=float)
    n, m = ranks.shape
    with rc_context(_RC):
        fig = _figure(7.5, 1.2 + 0.26 * max(n, 6))
        ax = fig.add_subplot()
        x = np.arange(m)
        for k in range(n):
            ax.plot(
                x,
                ranks[k],
                color=OKABE_ITO[k % len(OKABE_ITO)],
                linestyle=LINESTYLES[(k // len(OKABE_ITO)) % len(LINESTYLES)],
                marker=MARKERS[k % len(MARKERS)],
                markersize=5,
                linewidth=1.2,
            )
            first = int(np.argmax(np.isfinite(ranks[k])))
            if np.isfinite(ranks[k, first]):
                ax.annotate(
                    label(labels[k], 26),
                    (x[first], ranks[k, first]),
                    xytext=(-6, 0),
                    textcoords="offset points",
                    ha="right",
                    va="center",
                    fontsize=8,
                )
        ax.set_xticks(x, [label(c, 24) for c in columns])
        ax.set_xlim(-1.4 if m > 1 else -1.5, m - 0.6)
        top = np.nanmax(ranks) if np.isfinite(ranks).any() else 1
        ax.set_ylim(top + 0.7, 0.3)
        ax.set_ylabel("rank among the common candidates")
        ax.xaxis.tick_top()
        ax.spines["left"].set_visible(False)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        return svg(fig, title)


def grouped_hbars(
    categories: Sequence[str],
    series: Sequence[str],
    values: np.ndarray,
    title: str,
    xlabel: str = "global weight",
) -> Markup:
    """Grouped horizontal bars: categories down the side (first on top), one hatched colour
    per series; a NaN draws no bar."""
    values = np.asarray(values, dtype=float)  # (len(series), len(categories))
    n, k = len(categories), max(1, len(series))
    row = min(0.6, 0.12 + 0.11 * k)
    with rc_context(_RC):
        fig = _figure(7.5, 0.9 + row * n)
        ax = fig.add_subplot()
        y = np.arange(n)
        height = 0.8 / k
        for s, name in enumerate(series):
            ax.barh(
                y - 0.4 + height * (s + 0.5),
                np.nan_to_num(values[s]),
                height,
                color=OKABE_ITO[s % len(OKABE_ITO)],
                hatch=HATCHES[s % len(HATCHES)],
                edgecolor="white",
                linewidth=0.5,
                label=label(name, 32),
            )
        ax.set_yticks(y, [label(c, 40) for c in categories])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlabel(xlabel)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        fig.legend(loc="outside upper center", ncols=min(3, k), frameon=False, fontsize=8)
        return svg(fig, title)


def roc_curves(curves: Sequence[dict], title: str) -> Markup:
    """ROC curves: each ``{"label", "fpr", "tpr"}``; the diagonal is chance."""
    with rc_context(_RC):
        fig = _figure(4.6, 4.2)
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], color="#888888", linewidth=0.8, linestyle=":")
        for k, curve in enumerate(curves):
            ax.plot(
                curve["fpr"],
                curve["tpr"],
                color=OKABE_ITO[k % len(OKABE_ITO)],
                linestyle=LINESTYLES[k % len(LINESTYLES)],
                linewidth=1.4,
                label=label(curve["label"], 40),
            )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel("false positive rate")
        ax.set_ylabel("true positive rate")
        ax.legend(frameon=False, fontsize=8, loc="lower right")
        return svg(fig, title)


def decile_bars(deciles: Sequence[int], rates: Sequence[float], title: str) -> Markup:
    """Observed rate per score decile (10 = highest scores)."""
    with rc_context(_RC):
        fig = _figure(4.6, 2.8)
        ax = fig.add_subplot()
        ax.bar(
            [str(d) for d in deciles],
            np.nan_to_num(np.asarray(rates, dtype=float)),
            color=OKABE_ITO[0],
            edgecolor="white",
        )
        ax.set_xlabel("score decile (10 = highest)")
        ax.set_ylabel("observed rate")
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        return svg(fig, title)


def gaia_plane(
    points: np.ndarray,
    point_labels: Sequence[str],
    labelled: Sequence[bool],
    axes: np.ndarray,
    axis_labels: Sequence[str],
    decision: np.ndarray,
    title: str,
) -> Markup:
    """PROMETHEE's GAIA plane: alternatives as points (those ``labelled`` named, the others
    plain dots), criteria as axes from the origin, the decision axis pi as a thick arrow.
    Criterion axes and pi are unit vectors' projections (length at most 1), scaled together
    to reach the cloud's extent, so their directions and relative lengths are what to read."""
    points = np.asarray(points, dtype=float)
    axes = np.asarray(axes, dtype=float)
    extent = float(np.abs(points).max()) if points.size else 1.0
    extent = extent if extent > 0 else 1.0
    longest = max(float(np.hypot(*axes.T).max()), float(np.hypot(*decision)), 1e-12)
    scale = 0.9 * extent / longest
    with rc_context(_RC):
        fig = _figure(7.5, 6.2)
        ax = fig.add_subplot()
        ax.axhline(0, color="#dddddd", linewidth=0.6, zorder=0)
        ax.axvline(0, color="#dddddd", linewidth=0.6, zorder=0)
        for (x, y), name in zip(axes * scale, axis_labels, strict=True):
            ax.annotate(
                "",
                xy=(x, y),
                xytext=(0, 0),
                arrowprops={"arrowstyle": "->", "color": "#888888", "linewidth": 0.7},
            )
            ax.text(x * 1.04, y * 1.04, label(name, 24), fontsize=7, color="#555555")
        ax.scatter(
            points[:, 0],
            points[:, 1],
            s=16,
            color=OKABE_ITO[0],
            marker="o",
            zorder=3,
            label="alternative",
        )
        for (x, y), name, show in zip(points, point_labels, labelled, strict=True):
            if show:
                ax.annotate(
                    label(name, 24), (x, y), xytext=(3, 3), textcoords="offset points", fontsize=7
                )
        dx, dy = decision * scale
        ax.annotate(
            "",
            xy=(dx, dy),
            xytext=(0, 0),
            arrowprops={"arrowstyle": "-|>", "color": OKABE_ITO[1], "linewidth": 2.0},
        )
        ax.text(
            dx * 1.06,
            dy * 1.06,
            "pi (decision axis)",
            fontsize=8,
            color=OKABE_ITO[1],
            fontweight="bold",
        )
        ax.plot([], [], color=OKABE_ITO[1], linewidth=2.0, label="pi: the weights projected")
        ax.plot([], [], color="#888888", linewidth=0.7, label="criterion axis")
        limit = 1.25 * extent
        ax.set_xlim(-limit, limit)
        ax.set_ylim(-limit, limit)
        ax.set_aspect("equal")
        ax.set_xlabel("first principal component")
        ax.set_ylabel("second principal component")
        ax.legend(loc="lower right", fontsize=7, frameon=False)
        return svg(fig, title)


def _rank_grid(
    ax, rows: Sequence[str], columns: Sequence[str], ranks: np.ndarray, top: int
) -> None:
    """Rows x columns cells coloured by rank 1..``top`` (cividis, rank 1 darkest) with the rank
    written in each; a cell outside the top (NaN or above ``top``) is left pale and empty."""
    shown = np.where(np.isfinite(ranks) & (ranks <= top), ranks, np.nan)
    cmap = matplotlib.colormaps["cividis"].with_extremes(bad="#f1f1ef")
    ax.imshow(
        np.ma.masked_invalid(shown),
        cmap=cmap,
        vmin=0.5,
        vmax=top + 0.5,
        interpolation="none",
        aspect="auto",
    )
    for (i, j), r in np.ndenumerate(shown):
        if np.isfinite(r):
            dark = r <= (top + 1) / 2
            ax.text(
                j, i, str(int(r)), ha="center", va="center", fontsize=7,
                color="white" if dark else "black",
            )  # fmt: skip
    ax.set_yticks(np.arange(len(rows)), [label(r, 30) for r in rows])
    ax.set_xticks(np.arange(len(columns)), [label(c, 10) for c in columns])
    ax.xaxis.tick_top()
    ax.tick_params(length=0, labeltop=True)
    for spine in ax.spines.values():
        spine.set_visible(False)


def partner_timeline(
    rows: Sequence[str],
    columns: Sequence[str],
    ranks: np.ndarray,
    top: int,
    title: str,
    shares: Sequence[float] | None = None,
    errors: Sequence[float] | None = None,
    leaders: Sequence[str] | None = None,
) -> Markup:
    """One focal state's partners over time: a grid of ``ranks`` (partners down, ``columns``
    such as years across; ranks 1..``top`` coloured and written, others pale) and, with
    ``shares``, below it the rank-1 acceptability of each column's top choice (``leaders``,
    written beside each point) with bars of +/- 1.96 ``errors`` (a 95% interval), on 0..1."""
    ranks = np.asarray(ranks, dtype=float)
    has_shares = shares is not None and np.isfinite(np.asarray(shares, dtype=float)).any()
    with rc_context(_RC):
        grid_height = 0.55 + 0.2 * max(len(rows), 2)
        fig = _figure(7.5, grid_height + (1.5 if has_shares else 0.0))
        if has_shares:
            grid, line = fig.subplots(
                2, 1, height_ratios=[grid_height, 1.5], sharex=True, squeeze=True
            )
        else:
            grid, line = fig.add_subplot(), None
        _rank_grid(grid, rows, columns, ranks, top)
        if line is not None:
            y = np.asarray(shares, dtype=float)
            e = (
                1.96 * np.nan_to_num(np.asarray(errors, dtype=float))
                if errors is not None
                else None
            )
            x = np.arange(len(columns))
            line.errorbar(
                x, y, yerr=e, color=OKABE_ITO[0], marker=MARKERS[0], markersize=4,
                linewidth=1.0, capsize=2,
            )  # fmt: skip
            for k, who in enumerate(leaders or ()):
                if np.isfinite(y[k]) and who:
                    line.annotate(
                        label(who, 10), (x[k], y[k]), xytext=(0, -9), textcoords="offset points",
                        ha="center", va="top", fontsize=6.5, color=OKABE_ITO[6],
                    )  # fmt: skip
            line.set_ylim(-0.12, 1.05)
            line.set_yticks([0, 0.5, 1], ["0", "50%", "100%"])
            line.set_ylabel("top choice\nfirst in", fontsize=8)
            line.grid(axis="y", color="#dddddd", linewidth=0.5)
            line.tick_params(axis="x", labelbottom=True)
        return svg(fig, title)
