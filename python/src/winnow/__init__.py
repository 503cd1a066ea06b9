"""winnow: strip boilerplate lines from scraped web-page text and keep the article.

    import winnow
    winnow.clean(text)                      # the kept lines
    with winnow.Cleaner(rules="my.rules") as cleaner:
        for cleaned in cleaner.clean_many(texts):   # streaming, in order
            ...
        cleaner.process(text).removed_by    # counts and captured metadata
        cleaner.explain(text)               # every line with its fate

Everything runs through long-lived ``winnow --jsonl`` processes (the static binary
shipped in this package; one per kind of call a Cleaner gets: single documents,
clean_many, process_many), not one process per document.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import List, Optional

from ._binary import binary_path
from ._cleaner import Cleaner, PathLike, Rules, rule_arguments
from ._cleaner import explain as _explain
from ._errors import WinnowError, WinnowWarning
from ._result import Result

__all__ = ["Cleaner", "Result", "WinnowError", "WinnowWarning", "binary_path", "clean", "explain"]

_SHARED_MAX = 4
_shared: "OrderedDict[tuple, Cleaner]" = OrderedDict()
# How many calls are using each shared Cleaner (by id): one the cache lets go of while
# another thread is still using it is closed by the last such call, not under it.
_users: "dict[int, int]" = {}
_shared_lock = threading.Lock()


def _shared_cleaner(rules: Rules, profile: Optional[PathLike] = None, site: Optional[str] = None) -> Cleaner:
    """One Cleaner per choice of rules and profile, kept for later calls (the last few),
    counted as in use until ``_done_with`` is called for it."""
    key = tuple(rule_arguments(rules, profile=profile, site=site))
    with _shared_lock:
        cleaner = _shared.pop(key, None) or Cleaner(rules, profile=profile, site=site)
        _shared[key] = cleaner
        _users[id(cleaner)] = _users.get(id(cleaner), 0) + 1
        while len(_shared) > _SHARED_MAX:
            evicted = _shared.popitem(last=False)[1]
            if id(evicted) not in _users:
                evicted.close()
        return cleaner


def _done_with(cleaner: Cleaner) -> None:
    """Ends a call's use of a shared Cleaner; closes it if the cache let go of it meanwhile."""
    with _shared_lock:
        left = _users[id(cleaner)] - 1
        if left:
            _users[id(cleaner)] = left
            return
        del _users[id(cleaner)]
        if all(c is not cleaner for c in _shared.values()):
            cleaner.close()


def clean(text: str, *, rules: Rules = None, profile: Optional[PathLike] = None, site: Optional[str] = None) -> str:
    """The kept lines of ``text``, by the default rules or ``rules`` (a rule file or
    folder, or a list of them), with a site ``profile`` (a ``.profile`` file, or a folder
    of them and the ``site`` to pick) if given. Calls share one long-lived process per
    choice of rules and profile (the last few choices); any number of threads may call it."""
    cleaner = _shared_cleaner(rules, profile, site)
    try:
        return cleaner.clean(text)
    finally:
        _done_with(cleaner)


def explain(text: str, *, rules: Rules = None) -> List[dict]:
    """Every line of ``text`` with its fate (``winnow explain --json``), as a list of events."""
    return _explain(text, rule_arguments(rules))


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("winnow")
    except Exception:  # noqa: BLE001 - not installed (running from the source tree)
        return "0+unknown"


__version__ = _version()
