"""Import Whoosh without ``urllib.request``.

``whoosh.compat`` imports ``urllib.request.urlretrieve`` (pulling in http.client, email and
ssl: ~25 ms, a tenth of a one-shot search) for a helper broadsheet never calls. A stand-in
module is put in its place for that one import, then taken out again, so any later
``import urllib.request`` gets the real module.
"""

from __future__ import annotations

import sys
import types


def _urlretrieve(*args, **kwargs):  # pragma: no cover - never called by broadsheet
    raise RuntimeError("broadsheet does not download anything")


if "whoosh.compat" not in sys.modules and "urllib.request" not in sys.modules:
    stand_in = types.ModuleType("urllib.request")
    stand_in.urlretrieve = _urlretrieve
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        del sys.modules["urllib.request"]
