"""The presentation layer for notebooks: HTML views, pandas frames, charts.

The HTML views register with :mod:`vn_drugfree_criteria.display`, so the domain never imports
them. pandas and matplotlib are optional extras, imported on use.
"""

from vn_drugfree_criteria.viz.frames import assess_frame, rollup_frame
from vn_drugfree_criteria.viz.html import display_language, set_display_language
from vn_drugfree_criteria.viz.plot import plot_calendar, plot_progress

__all__ = [
    "assess_frame",
    "display_language",
    "plot_calendar",
    "plot_progress",
    "rollup_frame",
    "set_display_language",
]
