"""SIGTERM and SIGHUP taken the Ctrl-C path: the workers stopped, the Polish line."""

from __future__ import annotations

import signal
import threading
from typing import Any


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C is: the workers stopped, the Polish line, exit
    128 + the signal's number."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.signal = number


def interrupt_on_signals() -> dict[int, Any]:
    """SIGTERM (`kill`, a service manager) and SIGHUP (the terminal closed) used to end the
    process at once: no message, the workers left running. Returns the handlers replaced."""

    def interrupt(number: int, frame: object) -> None:
        raise Interrupted(number)

    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGTERM, signal.SIGHUP):
            previous[number] = signal.signal(number, interrupt)
    return previous
