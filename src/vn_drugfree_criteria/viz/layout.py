"""Where chart labels go: measured with matplotlib's own text extents, never guessed.

:func:`place_labels` moves each annotation of a chart to the first of a few positions around
its point where it stays inside the axes and clear of every label placed before it.
:func:`label_problems` lists every label that overlaps another or leaves its axes or the figure:
the charts of :mod:`~vn_drugfree_criteria.viz.plot` are tested with it for every bundled plan.
Both work on a drawn figure (any matplotlib backend with a renderer, Agg by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["label_problems", "place_labels"]

# Offsets in points from the labelled point, with the alignment that keeps the text on that
# side: right-above first, then the other corners, then further up and down.
_CANDIDATES: tuple[tuple[float, float, str, str], ...] = tuple(
    (dx, dy, ha, "bottom" if dy > 0 else "top")
    for dy in (6, -6, 20, -20, 34, -34, 48, -48)
    for dx, ha in ((6, "left"), (-6, "right"), (0, "center"))
)

_PAD = 1.0  # pixels kept between two labels


def _renderer(fig: Any) -> Any:
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _inside(inner: Any, outer: Any) -> bool:
    return bool(
        inner.x0 >= outer.x0 - 0.5
        and inner.y0 >= outer.y0 - 0.5
        and inner.x1 <= outer.x1 + 0.5
        and inner.y1 <= outer.y1 + 0.5
    )


def _overlap(a: Any, b: Any) -> bool:
    return bool(
        a.x0 < b.x1 - _PAD and b.x0 < a.x1 - _PAD and a.y0 < b.y1 - _PAD and b.y0 < a.y1 - _PAD
    )


def place_labels(fig: Any, ax: Any, annotations: Sequence[Any], avoid: Iterable[Any] = ()) -> None:
    """Move each annotation to a position inside ``ax`` that overlaps no other label.

    Args:
        fig: The figure (drawn once here, so the layout is settled first).
        ax: The axes the annotations belong to.
        annotations: Annotations made with ``textcoords="offset points"``, in priority order.
        avoid: Other text artists the labels must not cover.

    An annotation with no free position keeps the one with the fewest clashes;
    :func:`label_problems` then reports it.
    """
    for ann in annotations:
        ann.set_in_layout(False)  # labels inside the axes never move the axes themselves
    renderer = _renderer(fig)
    frame = ax.get_window_extent(renderer)
    placed = [t.get_window_extent(renderer) for t in avoid if t.get_text()]
    for ann in annotations:
        best: tuple[int, tuple[float, float, str, str]] | None = None
        for candidate in _CANDIDATES:
            _move(ann, candidate)
            box = ann.get_window_extent(renderer)
            clashes = (not _inside(box, frame)) + sum(_overlap(box, o) for o in placed)
            if best is None or clashes < best[0]:
                best = (clashes, candidate)
            if clashes == 0:
                break
        assert best is not None
        _move(ann, best[1])
        placed.append(ann.get_window_extent(renderer))


def _move(ann: Any, candidate: tuple[float, float, str, str]) -> None:
    dx, dy, ha, va = candidate
    ann.xyann = (dx, dy)
    ann.set_horizontalalignment(ha)
    ann.set_verticalalignment(va)


def _labels(fig: Any) -> list[tuple[str, Any, Any | None]]:
    """(description, text artist, axes it must stay inside or None) for every visible label."""
    out: list[tuple[str, Any, Any | None]] = []
    for ax in fig.axes:
        out += [(f"label {t.get_text()!r}", t, ax) for t in ax.texts]
        ticks = [*ax.get_xticklabels(), *ax.get_yticklabels()]
        offsets = [ax.xaxis.get_offset_text(), ax.yaxis.get_offset_text()]
        out += [(f"tick label {t.get_text()!r}", t, None) for t in (*ticks, *offsets)]
        out += [
            (f"title {t.get_text()!r}", t, None)
            for t in (ax.title, ax._left_title, ax._right_title)
        ]
        out += [(f"axis label {t.get_text()!r}", t, None) for t in (ax.xaxis.label, ax.yaxis.label)]
        legend = ax.get_legend()
        if legend is not None:
            out += [(f"legend {t.get_text()!r}", t, None) for t in legend.get_texts()]
    for legend in fig.legends:
        out += [(f"legend {t.get_text()!r}", t, None) for t in legend.get_texts()]
    return [(d, t, a) for d, t, a in out if t.get_visible() and t.get_text().strip()]


def label_problems(fig: Any) -> list[str]:
    """Every label that overlaps another or leaves its place, as one sentence each.

    A label drawn in the data area must stay inside its axes; titles, tick labels, axis labels
    and legends must stay inside the figure; no two labels may overlap.

    Args:
        fig: A matplotlib figure.

    Returns:
        The problems; empty when every label is readable.
    """
    renderer = _renderer(fig)
    page = fig.bbox
    boxes = []
    problems: list[str] = []
    for description, text, ax in _labels(fig):
        box = text.get_window_extent(renderer)
        if not _inside(box, page):
            problems.append(f"{description} leaves the figure")
        if ax is not None and not _inside(box, ax.get_window_extent(renderer)):
            problems.append(f"{description} leaves the axes")
        boxes.append((description, box))
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1 :]:
            if _overlap(a, b):
                problems.append(f"{first} overlaps {second}")
    return problems
