"""The one exception a request ends with when it cannot be answered: the app turns it into
its Polish error page with the status given."""

from __future__ import annotations


class PageError(Exception):
    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
