"""Exceptions and warnings of the winnow package."""
from __future__ import annotations

from typing import Optional


class WinnowError(Exception):
    """winnow could not do what was asked: a bad option or rule file, a record it
    could not clean, or the worker process died. The message is winnow's own
    (its standard error) where it gave one; ``stderr`` holds those lines and
    ``returncode`` the exit status when the process ended (negative: a signal)."""

    def __init__(self, message: str, *, stderr: str = "", returncode: Optional[int] = None):
        super().__init__(message)
        self.stderr = stderr
        self.returncode = returncode


class WinnowWarning(UserWarning):
    """winnow passed a document through unchanged and said why (e.g. it is larger
    than ``max_doc_bytes``)."""
