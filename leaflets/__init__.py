"""leaflets: roster spreadsheet -> print-ready "Twój dzielnicowy" leaflets.

The library's API is what the CLI calls: `run(settings)` builds or checks, `find(settings,
address=…)` answers who covers an address. Its names are loaded on first use, so importing
the package (as the CLI does for `--help`) costs nothing.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import version
from typing import Any

__version__ = version("leaflets")
__all__ = ["LeafletsError", "Report", "Settings", "find", "run"]

_API = {
    "run": "leaflets.pipeline",
    "find": "leaflets.pipeline",
    "Report": "leaflets.pipeline",
    "Settings": "leaflets.config",
    "LeafletsError": "leaflets.errors",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'leaflets' has no attribute {name!r}")
