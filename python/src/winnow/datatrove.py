"""A datatrove pipeline step: ``WinnowCleaner`` cleans ``Document.text`` with winnow.

    from datatrove.executor import LocalExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from winnow.datatrove import WinnowCleaner

    LocalExecutor(pipeline=[JsonlReader("pages/"), WinnowCleaner(), JsonlWriter("clean/")],
                  tasks=4).run()

Each task streams its documents through one winnow process (``Cleaner.process_many``).
``Document.metadata[metadata_key]`` (default "winnow") gets the language, the non-blank
input lines, the lines removed, the removals by rule or detector and what ``meta`` rules
captured (ids, dates). datatrove is optional: ``pip install datatrove`` (or
``pip install 'winnow[datatrove]'``) before importing this module.
"""
from __future__ import annotations

import collections
from typing import Any, Iterator

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
except ImportError as error:  # pragma: no cover - exercised by a test that hides datatrove
    raise ImportError(
        "winnow.datatrove needs datatrove, which is not installed: pip install datatrove "
        "(or pip install 'winnow[datatrove]'); the rest of winnow works without it"
    ) from error

from ._cleaner import Cleaner


class WinnowCleaner(PipelineStep):
    """Cleans each document's text with winnow and records what was removed.

    ``rules`` and the other keyword arguments are ``winnow.Cleaner``'s (rule files,
    ``lang``, detectors, ``window``...). ``drop_empty=True`` drops documents with no
    kept line. A document winnow could not clean passes through unchanged, counted
    in the step's stats as ``winnow_passed_through`` (never an exception mid-pipeline).
    The step pickles as its settings: the process starts inside each task.
    """

    name = "🧹 winnow"
    type = "✂️ - FORMAT"

    def __init__(self, rules: Any = None, *, metadata_key: str = "winnow", drop_empty: bool = False,
                 **cleaner_options: Any):
        super().__init__()
        self.rules = rules
        self.metadata_key = metadata_key
        self.drop_empty = drop_empty
        self.cleaner_options = cleaner_options
        Cleaner(rules, **cleaner_options).close()  # bad options fail here, not in a task

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        if data is None:
            return
        documents: "collections.deque[Document]" = collections.deque()

        def texts() -> Iterator[str]:
            for document in data:
                documents.append(document)
                yield document.text

        with Cleaner(self.rules, **self.cleaner_options) as cleaner, self.track_time(unit="batch"):
            for result in cleaner.process_many(texts(), errors="keep"):
                document = documents.popleft()
                self.stat_update("total")
                document.text = result.text
                document.metadata[self.metadata_key] = result.as_metadata()
                self.stat_update("winnow_lines_in", value=result.lines_in)
                self.stat_update("winnow_lines_removed", value=result.lines_removed)
                if result.warning:
                    self.stat_update("winnow_passed_through")
                    document.metadata[self.metadata_key]["warning"] = result.warning
                if not result.text.strip():
                    self.stat_update("winnow_empty")
                    if self.drop_empty:
                        self.stat_update("dropped")
                        continue
                self.stat_update("forwarded")
                self.update_doc_stats(document)
                yield document

