"""The fuzz tests' budget, as two hypothesis profiles that the tests take their settings
from (the profiles are registered, not loaded: other tests keep their own settings).

- By default (CI, a developer's run): `DEFAULT_EXAMPLES` examples per property, and
  `PROCESS_EXAMPLES` for the property that starts interpreters, drawn *derandomized*: the
  same examples on every run (a seed derived from each test), so CI is reproducible and a
  red run is red again on the developer's machine. No example database is used then.
- `PINGYIN_RULES_FUZZ_EXAMPLES=N`: N examples per property (N/100, between 2 and 10, for
  the interpreters), drawn at random, for a hunt that goes beyond the CI set; failures go to
  hypothesis's example database (`.hypothesis/`) and are tried first on the next hunt, and
  pytest's `--hypothesis-seed=S` replays a run.

`deadline=None`: a first check compiles the pack, and a drawn case can be large; the
budget, not a per-example deadline, bounds the time.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

DEFAULT_EXAMPLES = 20
PROCESS_EXAMPLES = 2

_asked = os.environ.get("PINGYIN_RULES_FUZZ_EXAMPLES", "").strip()
EXAMPLES = int(_asked) if _asked else DEFAULT_EXAMPLES
HUNTING = bool(_asked)

settings.register_profile(
    "pingyin-fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not HUNTING,
    # Drawing a whole case file is slow for hypothesis's taste, and large.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,  # a failure prints the @reproduce_failure line that replays it
)
settings.register_profile(
    "pingyin-fuzz-processes",
    parent=settings.get_profile("pingyin-fuzz"),
    max_examples=max(PROCESS_EXAMPLES, min(EXAMPLES // 100, 10)) if HUNTING else PROCESS_EXAMPLES,
)
