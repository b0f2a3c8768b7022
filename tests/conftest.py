"""Test configuration: hypothesis profiles; which copy of the package is tested.

CI runs the ``ci`` profile (set by the ``CI`` environment variable): derandomised, so a run is
reproducible, and without per-example deadlines, which depend on the machine's load.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

import vn_drugfree_criteria

if os.environ.get("VN_DRUGFREE_TEST_INSTALLED"):
    # CI's run against the built wheel: the package must come from the installation, never
    # from this checkout's src/ folder.
    _where = Path(vn_drugfree_criteria.__file__).resolve()
    assert "site-packages" in _where.parts, f"testing {_where}, not the installed wheel"

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
