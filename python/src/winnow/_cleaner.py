"""Cleaner: the Python face of one long-lived winnow process."""
from __future__ import annotations

import atexit
import json
import os
import re
import subprocess
import threading
import warnings
import weakref
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Union

from ._binary import binary_path
from ._errors import WinnowError, WinnowWarning
from ._result import Result
from ._worker import Died, OutOfStep, Worker, record_of, text_of

PathLike = Union[str, "os.PathLike[str]"]
Rules = Union[None, PathLike, Sequence[PathLike]]

_live: "weakref.WeakSet[Cleaner]" = weakref.WeakSet()


def _close_all() -> None:
    for cleaner in list(_live):
        cleaner.close()


atexit.register(_close_all)


def rule_arguments(rules: Rules = None, *, profile: Optional[PathLike] = None, site: Optional[str] = None,
                   lang: str = "auto", default_rules: bool = True, repeats: bool = True,
                   headline_lists: bool = True, model: Union[None, bool, PathLike] = None,
                   max_doc_bytes: Optional[int] = None, settle: bool = False) -> List[str]:
    """The command-line options that choose rules, site profile, language, detectors and model."""
    args: List[str] = []
    if profile is not None:
        args += ["--profile", os.fspath(profile)]
    if site is not None:
        args += ["--site", site]
    if rules is not None:
        paths = [rules] if isinstance(rules, (str, os.PathLike)) else list(rules)
        for path in paths:
            args += ["--rules", os.fspath(path)]
    if not default_rules and rules is None:
        args.append("--no-default-rules")
    if lang != "auto":
        args += ["--lang", lang]
    if not repeats:
        args.append("--no-repeats")
    if not headline_lists:
        args.append("--no-headline-lists")
    if model is False:
        args.append("--no-model")
    elif model is not None and model is not True:
        args += ["--model", os.fspath(model)]
    if max_doc_bytes is not None:
        args += ["--max-doc-bytes", str(int(max_doc_bytes))]
    if settle:
        args.append("--settle")
    return args


class Cleaner:
    """Cleans documents through long-lived ``winnow --jsonl`` processes, started on
    first use and restarted on the next call if one dies.

    ``rules``: a rule file or folder, or a list of them (replaces the default rules);
    ``profile``: a site profile (``winnow learn --save-profile``, ``winnow batch
    --save-profiles``): a ``.profile`` file, applied to every document, or a folder of
    them, where ``site`` picks the one (``--profile``, ``--site``);
    ``lang``: auto, fa, ar or en; ``default_rules=False``: no rules but ``rules``;
    ``repeats``/``headline_lists``: the two detectors; ``model``: None (built-in),
    False (none) or a model file; ``max_doc_bytes``: a document whose JSON record
    (the text, escaped, and about 20 bytes) is larger passes through unchanged with a
    WinnowWarning; ``settle``: clean the output again until nothing more goes
    (``--settle``: cleaning the result again then changes nothing); ``window``: how
    many documents ``clean_many``/``process_many`` keep in flight; ``binary``: the winnow binary (default: the packaged one);
    ``extra_args``: more winnow options for every process (e.g. ``["-j", "2"]`` where
    the binary has it), after the ones above.

    One process per kind of call, each started when first needed: single documents
    (``clean``, ``process``) go to ``winnow --jsonl --line-buffered --meta``, which
    answers each record at once; ``clean_many`` to ``winnow --jsonl`` (no metadata to
    compute, parse or build, and answers written 64 KiB at a time); ``process_many``
    to ``winnow --jsonl --meta``.

    Use it as a context manager, or call ``close()``; it is also closed when garbage
    collected and at interpreter exit. One thread at a time talks to the processes
    (other threads wait their turn). A Cleaner pickles as its settings, and a forked
    child starts its own processes, so it works with multiprocessing and ``datasets.map``.
    """

    def __init__(self, rules: Rules = None, *, profile: Optional[PathLike] = None, site: Optional[str] = None,
                 lang: str = "auto",
                 default_rules: bool = True, repeats: bool = True, headline_lists: bool = True,
                 model: Union[None, bool, PathLike] = None, max_doc_bytes: Optional[int] = None,
                 settle: bool = False, window: int = 256, binary: Optional[PathLike] = None, extra_args: Sequence[str] = ()):
        if window < 1:
            raise ValueError("window must be at least 1")
        if isinstance(extra_args, (str, bytes)):
            raise TypeError("extra_args is a list of arguments, e.g. ['-j', '2']")
        extra_args = [os.fspath(a) for a in extra_args]
        self._settings = dict(rules=rules, profile=profile, site=site, lang=lang, default_rules=default_rules, repeats=repeats,
                              headline_lists=headline_lists, model=model, max_doc_bytes=max_doc_bytes,
                              settle=settle, window=window, binary=binary, extra_args=extra_args)
        self.window = window
        self.binary = os.fspath(binary) if binary is not None else binary_path()
        self.options = rule_arguments(rules, profile=profile, site=site, lang=lang, default_rules=default_rules, repeats=repeats,
                                      headline_lists=headline_lists, model=model, max_doc_bytes=max_doc_bytes,
                                      settle=settle)
        self.extra_args = extra_args
        self._workers: Dict[str, Worker] = {}
        self._last: Optional[str] = None
        self._owner_pid = os.getpid()
        self._lock = threading.Lock()
        self._streaming_thread: Optional[int] = None
        self._closed = False
        _live.add(self)

    # ---------------------------------------------------------------- lifecycle

    @property
    def pid(self) -> Optional[int]:
        """The id of the process that served the latest call, None while none runs."""
        worker = self._workers.get(self._last) if self._last else None
        return worker.pid if worker is not None and worker.alive() else None

    @property
    def pids(self) -> List[int]:
        """The ids of all this Cleaner's running processes."""
        return [w.pid for w in list(self._workers.values()) if w.alive()]

    def close(self) -> None:
        """Ends the worker processes (idempotent). The Cleaner cannot be used afterwards."""
        self._closed = True
        for kind in list(self._workers):
            self._discard(kind)

    def __enter__(self) -> "Cleaner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - at interpreter exit anything may be gone
            pass

    def __getstate__(self) -> dict:
        return dict(self._settings)

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def __repr__(self) -> str:
        return f"Cleaner(binary={self.binary!r}, options={self.options + self.extra_args!r}, pids={self.pids})"

    def _discard(self, kind: str) -> None:
        worker = self._workers.pop(kind, None)
        if worker is not None and self._owner_pid == os.getpid():
            worker.close()

    def _running(self, kind: str) -> Worker:
        """The live worker of this kind, started (or restarted) as needed."""
        if self._closed:
            raise ValueError("this Cleaner is closed")
        if self._owner_pid != os.getpid():
            # A forked child: the processes belong to the parent; start our own.
            self._workers, self._owner_pid = {}, os.getpid()
        worker = self._workers.get(kind)
        if worker is not None and not worker.alive():
            self._discard(kind)
            worker = None
        if worker is None:
            flags = _KINDS[kind]
            worker = Worker([self.binary, "--jsonl", *flags, *self.options, *self.extra_args],
                            line_buffered="--line-buffered" in flags)
            self._workers[kind] = worker
        self._last = kind
        return worker

    def _acquire(self) -> None:
        me = threading.get_ident()
        if self._streaming_thread == me:
            raise RuntimeError("this Cleaner is in the middle of clean_many() in this thread: "
                               "finish or close that iterator first, or use a second Cleaner")
        self._lock.acquire()
        self._streaming_thread = me

    def _release(self) -> None:
        self._streaming_thread = None
        self._lock.release()

    # ---------------------------------------------------------------- one document

    def clean(self, text: str) -> str:
        """The kept lines of ``text``."""
        return self.process(text).text

    def process(self, text: str) -> Result:
        """``text`` cleaned, with removal counts and captured metadata."""
        if not isinstance(text, str):
            raise TypeError(f"winnow cleans str, not {type(text).__name__}")
        self._acquire()
        try:
            for attempt in (1, 2):
                worker = self._running("one")
                served_before = worker.sent > 0
                try:
                    result = _result(worker, *worker.ask(text))
                    break
                except Died:
                    self._discard("one")
                    # A process that had served earlier calls died of something else
                    # (killed, out of memory): one retry on a fresh one. A fresh one
                    # that dies on this text would die again.
                    if attempt == 2 or not served_before:
                        raise
                except BaseException:
                    if not worker.in_step():
                        self._discard("one")  # out of step: start afresh next time
                    raise
        finally:
            self._release()
        if result.warning:
            result.warning = _naming(result.warning, "the document")
            warnings.warn(result.warning, WinnowWarning, stacklevel=3)
        return result

    def explain(self, text: str) -> List[dict]:
        """Every line of ``text`` with its fate, as ``winnow explain --json`` gives it
        with this Cleaner's options: a list of events, ``{"type": "begin", "lang": ...}``,
        one ``{"type": "line", "line": N, "fate": "keep"|"drop"|..., "rule": {...}, ...}``
        a line, ``{"type": "meta", "key": ..., "value": ...}`` and ``{"type": "end", ...}``.
        Runs its own short process (the explanation is not a JSON Lines answer)."""
        if self._closed:
            raise ValueError("this Cleaner is closed")
        return explain(text, self.options + self.extra_args, self.binary)

    # ---------------------------------------------------------------- many documents

    def clean_many(self, texts: Iterable[str], *, errors: str = "raise") -> Iterator[str]:
        """The cleaned texts, in order, as they come: like ``process_many`` without the
        counts (a process that computes none, and no JSON objects built per answer)."""
        if errors not in ("raise", "keep"):
            raise ValueError(f"errors must be 'raise' or 'keep', not {errors!r}")
        return self._stream("text", iter(texts), errors)

    def process_many(self, texts: Iterable[str], *, errors: str = "raise") -> Iterator[Result]:
        """Streams ``texts`` through the process: requests are written while the answers
        are read, in this thread, at most ``window`` documents in flight (memory stays
        bounded whatever the length of ``texts``, which may be any iterable, also an
        endless one). ``errors="raise"`` raises WinnowError at a document winnow could not
        clean; ``errors="keep"`` yields it unchanged with ``warning`` set. If the process
        dies, WinnowError is raised and the next call starts a new one. Leaving the loop
        early ends the process (the next call starts a new one)."""
        if errors not in ("raise", "keep"):
            raise ValueError(f"errors must be 'raise' or 'keep', not {errors!r}")
        return self._stream("meta", iter(texts), errors)

    def _stream(self, kind: str, texts: Iterator[str], errors: str) -> Iterator:
        want_results = kind == "meta"
        self._acquire()
        worker: Optional[Worker] = None
        try:
            if self.window < _SMALL_WINDOW:
                # A few documents in flight: little to batch, and a pad per handful of
                # documents would cost more than winnow's flush per record.
                kind = "one"
            worker = self._running(kind)
            for index, (number, line) in enumerate(worker.exchange(texts, self.window), start=1):
                if kind == "text" and not worker.messages:
                    yield text_of(number, line)
                    continue
                try:
                    result = _result(worker, number, line)
                except OutOfStep:
                    raise
                except WinnowError as error:
                    if errors == "raise":
                        raise
                    record = record_of(number, line)
                    result = Result(record.get("text", ""), warning=str(error))
                if result.warning:
                    # winnow numbers records over the process's life, pads too: name the
                    # document by its place among this call's texts instead.
                    result.warning = _naming(result.warning, f"document {index}")
                    warnings.warn(result.warning, WinnowWarning, stacklevel=2)
                yield result if want_results else result.text
        finally:
            if worker is not None and self._workers.get(kind) is worker and not worker.in_step():
                # Left early (an error, or the loop broke off): records may still be in
                # flight, so this process is out of step; end it, the next call starts anew.
                self._discard(kind)
            self._release()


_RECORD_NAME = re.compile(r"\(standard input\): record \d+")


def _naming(message: str, name: str) -> str:
    """winnow's message with its record number ("(standard input): record 5") replaced
    by what the caller knows the document as."""
    return _RECORD_NAME.sub(name, message, count=1)


# The flags of each kind of process: single documents, clean_many, process_many.
_KINDS = {"one": ("--line-buffered", "--meta"), "text": (), "meta": ("--meta",)}
# Streams with a smaller window use the line-buffered process of single documents.
_SMALL_WINDOW = 32


def _result(worker: Worker, number: int, line: bytes) -> Result:
    """The Result of an answer. A record winnow passed through unchanged (an answer
    without the "winnow" member, under --meta) is named in a message on its standard
    error: a warning (e.g. larger than --max-doc-bytes) makes a Result with ``warning``
    set, any other message a WinnowError. Without --meta the answer carries the text
    alone, and a message about the record is what tells a pass-through."""
    if worker.meta:
        record = record_of(number, line)
        if "winnow" in record:
            return Result.from_record(record)
        message = worker.message_about(number)
        if message is None:
            raise WinnowError(f"winnow passed record {number} through unchanged without saying why")
    else:
        message = worker.message_about(number) if worker.messages else None
        if message is None:
            return Result(text_of(number, line))
        record = record_of(number, line)
    if "warning:" not in message:
        raise WinnowError(message, stderr=message)
    if "winnow" in record:  # cleaned, with a remark (not a pass-through)
        result = Result.from_record(record)
        result.warning = message
        return result
    return Result(record.get("text", ""), warning=message)


def explain(text: str, options: Sequence[str] = (), binary: Optional[str] = None) -> List[dict]:
    """``winnow explain --json`` on ``text``: one dict per event (begin, line, meta, end)."""
    if not isinstance(text, str):
        raise TypeError(f"winnow explains str, not {type(text).__name__}")
    argv = [binary or binary_path(), "explain", "--json", *options, "-"]
    done = subprocess.run(argv, input=text.encode("utf-8", "surrogatepass"), capture_output=True)
    said = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        raise WinnowError(said or f"winnow explain exited with status {done.returncode}",
                          stderr=said, returncode=done.returncode)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
