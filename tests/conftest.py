"""Test configuration: hypothesis profiles.

CI runs the ``ci`` profile (set by the ``CI`` environment variable): derandomised, so a run is
reproducible, and without per-example deadlines, which depend on the machine's load.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
