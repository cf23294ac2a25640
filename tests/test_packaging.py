"""Tests for the packaging: every subpackage of leaflets/ is listed for setuptools."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_packaged() -> None:
    # pyproject lists packages by hand (templates/ is mapped in from outside leaflets/), so a
    # new subpackage left out would be missing from an installed wheel, not from the checkout.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "leaflets").rglob("__init__.py")
    }
    assert "leaflets.streets" in found
    assert found <= listed, sorted(found - listed)
