"""The seeded byte-flip fuzzer over xlsx, ods and CSV (issue 20, item 1; tools/fuzz.py): every
mutant ends as the CLI would end it — a report, or the file's Polish error naming it (exit 2)
— never a traceback, a native crash or a hang. The suite runs 100 mutants of each kind (about
half a minute); `make fuzz` runs thousands. On the code before issue 20, 18 of these 300 gave
a traceback (zlib errors from damaged .ods streams, control characters in problemy.xlsx)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT


@pytest.mark.parametrize("kind", ["xlsx", "ods", "csv"])
def test_mutants_end_in_a_report_or_the_files_polish_error(kind: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tools.fuzz", "--kind", kind, "--count", "100", "--seed", "20"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode in (0, 1), f"the fuzzer itself died: {done.returncode}\n{done.stderr}"
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["findings"] == [], "\n".join(result["findings"])
    assert done.returncode == 0
    assert sum(result["outcomes"].values()) == 100
    # Both endings are reached: the mutants are neither all refused nor all harmless.
    assert set(result["outcomes"]) == {"0/1", "2"}
