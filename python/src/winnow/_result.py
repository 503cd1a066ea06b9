"""What cleaning one document gives."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional


@dataclass
class Result:
    """One cleaned document with winnow's account of it (the binary's ``--meta``).

    ``text``: the kept lines; ``lang``: the language winnow decided on (fa, ar, en);
    ``lines_in``: non-blank input lines; ``lines_removed``: how many of them went;
    ``removed_by``: removals by rule id or detector; ``meta``: what ``meta`` rules
    captured (e.g. ``{"id": "264802", "date": "..."}``); ``warning``: set when winnow
    passed the document through unchanged (then the counts are empty).
    """

    text: str
    lang: Optional[str] = None
    lines_in: int = 0
    lines_removed: int = 0
    removed_by: Dict[str, int] = field(default_factory=dict)
    meta: Dict[str, str] = field(default_factory=dict)
    warning: Optional[str] = None

    @classmethod
    def from_record(cls, record: dict) -> "Result":
        info = record["winnow"]
        return cls(record["text"], info.get("lang"), info.get("lines_in", 0), info.get("lines_removed", 0),
                   info.get("removed_by", {}), info.get("meta", {}))

    def as_metadata(self) -> dict:
        """The counts and captured metadata as one JSON-ready dict (without the text)."""
        return {"lang": self.lang, "lines_in": self.lines_in, "lines_removed": self.lines_removed,
                "removed_by": dict(self.removed_by), "meta": dict(self.meta)}
