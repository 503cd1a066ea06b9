"""Cleaner: the Python face of one long-lived winnow process."""
from __future__ import annotations

import atexit
import json
import os
import queue
import subprocess
import threading
import warnings
import weakref
from typing import Iterable, Iterator, List, Optional, Sequence, Union

from ._binary import binary_path
from ._errors import WinnowError, WinnowWarning
from ._result import Result
from ._worker import Died, Worker

PathLike = Union[str, "os.PathLike[str]"]
Rules = Union[None, PathLike, Sequence[PathLike]]

NO_PROFILES = ("winnow has no profiles yet (`winnow --help` lists no --profile option); "
               "pass rules= (a rule file or folder, or a list of them) instead")

_END = object()
_live: "weakref.WeakSet[Cleaner]" = weakref.WeakSet()


def _close_all() -> None:
    for cleaner in list(_live):
        cleaner.close()


atexit.register(_close_all)


def rule_arguments(rules: Rules = None, *, lang: str = "auto", default_rules: bool = True, repeats: bool = True,
                   headline_lists: bool = True, model: Union[None, bool, PathLike] = None,
                   max_doc_bytes: Optional[int] = None) -> List[str]:
    """The command-line options that choose rules, language, detectors and model."""
    args: List[str] = []
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
    return args


class Cleaner:
    """Cleans documents through one long-lived ``winnow --jsonl --line-buffered --meta``
    process, started on first use and restarted on the next call if it dies.

    ``rules``: a rule file or folder, or a list of them (replaces the default rules);
    ``lang``: auto, fa, ar or en; ``default_rules=False``: no rules but ``rules``;
    ``repeats``/``headline_lists``: the two detectors; ``model``: None (built-in),
    False (none) or a model file; ``max_doc_bytes``: a document whose JSON record
    (the text and about 20 bytes) is larger passes through unchanged with a WinnowWarning; ``window``: how many documents ``clean_many`` keeps
    in flight; ``binary``: the winnow binary (default: the packaged one).

    Use it as a context manager, or call ``close()``; it is also closed when garbage
    collected and at interpreter exit. One thread at a time talks to the process
    (other threads wait their turn). A Cleaner pickles as its settings, and a forked
    child starts its own process, so it works with multiprocessing and ``datasets.map``.
    """

    def __init__(self, rules: Rules = None, *, profile: Optional[str] = None, lang: str = "auto",
                 default_rules: bool = True, repeats: bool = True, headline_lists: bool = True,
                 model: Union[None, bool, PathLike] = None, max_doc_bytes: Optional[int] = None,
                 window: int = 256, binary: Optional[PathLike] = None):
        if profile is not None:
            raise NotImplementedError(f"profile={profile!r}: {NO_PROFILES}")
        if window < 1:
            raise ValueError("window must be at least 1")
        self._settings = dict(rules=rules, lang=lang, default_rules=default_rules, repeats=repeats,
                              headline_lists=headline_lists, model=model, max_doc_bytes=max_doc_bytes,
                              window=window, binary=binary)
        self.window = window
        self.binary = os.fspath(binary) if binary is not None else binary_path()
        self.options = rule_arguments(rules, lang=lang, default_rules=default_rules, repeats=repeats,
                                      headline_lists=headline_lists, model=model, max_doc_bytes=max_doc_bytes)
        self._worker: Optional[Worker] = None
        self._owner_pid = os.getpid()
        self._lock = threading.Lock()
        self._streaming_thread: Optional[int] = None
        self._closed = False
        _live.add(self)

    # ---------------------------------------------------------------- lifecycle

    @property
    def pid(self) -> Optional[int]:
        """The worker process's id, None while none runs."""
        worker = self._worker
        return worker.pid if worker is not None and worker.alive() else None

    def close(self) -> None:
        """Ends the worker process (idempotent). The Cleaner cannot be used afterwards."""
        self._closed = True
        self._discard()

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
        return f"Cleaner(binary={self.binary!r}, options={self.options!r}, pid={self.pid})"

    def _discard(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None and self._owner_pid == os.getpid():
            worker.close()

    def _running(self) -> Worker:
        """The live worker, started (or restarted) as needed."""
        if self._closed:
            raise ValueError("this Cleaner is closed")
        if self._owner_pid != os.getpid():
            # A forked child: the process belongs to the parent; start our own.
            self._worker, self._owner_pid = None, os.getpid()
        if self._worker is not None and not self._worker.alive():
            self._discard()
        if self._worker is None:
            self._worker = Worker([self.binary, "--jsonl", "--line-buffered", "--meta", *self.options])
        return self._worker

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
                worker = self._running()
                served_before = worker.sent > 0
                try:
                    number = worker.send(text)
                    result = worker.result(worker.receive(number), number)
                    break
                except Died:
                    self._discard()
                    # A process that had served earlier calls died of something else
                    # (killed, out of memory): one retry on a fresh one. A fresh one
                    # that dies on this text would die again.
                    if attempt == 2 or not served_before:
                        raise
                except WinnowError:
                    if worker.sent != worker.received:
                        self._discard()  # out of step: start afresh next time
                    raise
        finally:
            self._release()
        if result.warning:
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
        return explain(text, self.options, self.binary)

    # ---------------------------------------------------------------- many documents

    def clean_many(self, texts: Iterable[str], *, errors: str = "raise") -> Iterator[str]:
        """The cleaned texts, in order, as they come. See ``process_many``."""
        return (result.text for result in self.process_many(texts, errors=errors))

    def process_many(self, texts: Iterable[str], *, errors: str = "raise") -> Iterator[Result]:
        """Streams ``texts`` through the process: a writer thread feeds it while this
        iterator reads the answers, at most ``window`` documents in flight (memory stays
        bounded whatever the length of ``texts``, which may be any iterable, also an
        endless one). ``errors="raise"`` raises WinnowError at a document winnow could not
        clean; ``errors="keep"`` yields it unchanged with ``warning`` set. If the process
        dies, WinnowError is raised and the next call starts a new one. Leaving the loop
        early ends the process (the next call starts a new one)."""
        if errors not in ("raise", "keep"):
            raise ValueError(f"errors must be 'raise' or 'keep', not {errors!r}")
        return self._stream(iter(texts), errors)

    def _stream(self, texts: Iterator[str], errors: str) -> Iterator[Result]:
        self._acquire()
        worker: Optional[Worker] = None
        flow = _Flow(self.window)
        owed: "queue.SimpleQueue" = queue.SimpleQueue()
        finished = False
        try:
            worker = self._running()
            flow.sent = flow.received = worker.sent
            feeder = threading.Thread(target=_feed, args=(worker, texts, owed, flow),
                                      name=f"winnow-feed-{worker.pid}", daemon=True)
            feeder.start()
            while True:
                item = owed.get()
                if item is _END:
                    break
                if isinstance(item, BaseException):
                    finished = True  # every record sent was answered: the process is in step
                    raise item
                record = worker.receive(item)
                flow.answered()
                try:
                    result = worker.result(record, item)
                except WinnowError as error:
                    if errors == "raise":
                        raise
                    result = Result(record.get("text", ""), warning=str(error))
                if result.warning:
                    warnings.warn(result.warning, WinnowWarning, stacklevel=2)
                yield result
            finished = True
        finally:
            flow.stop()
            if not finished and worker is not None and self._worker is worker:
                # Left early (an error, or the loop broke off): records may still be in
                # flight, so this process is out of step; end it, the next call starts anew.
                self._discard()
            self._release()


class _Flow:
    """How far the writer may run ahead: it waits when ``window`` records are in
    flight and is woken when half of them have been answered (one wake-up per half
    window, not one per record)."""

    def __init__(self, window: int):
        self.window = window
        self.low = window // 2
        self.sent = self.received = 0
        self.waiting = False
        self.stopped = False
        self.room = threading.Event()

    def answered(self) -> None:
        self.received += 1
        if self.waiting and self.sent - self.received <= self.low:
            self.room.set()

    def wait_for_room(self) -> bool:
        """False when the stream was stopped."""
        if self.sent - self.received >= self.window:
            self.waiting = True
            self.room.clear()
            while self.sent - self.received >= self.window and not self.stopped:
                self.room.wait()
                self.room.clear()
            self.waiting = False
        return not self.stopped

    def stop(self) -> None:
        self.stopped = True
        self.room.set()


def _feed(worker: Worker, texts: Iterator[str], owed: "queue.SimpleQueue", flow: _Flow) -> None:
    """The writer thread: sends texts while fewer than ``window`` are in flight and
    tells the reader, in order, which ids it owes (then _END, or the exception that
    ended the input)."""
    while True:
        if not flow.wait_for_room():
            return
        try:
            text = next(texts)
        except StopIteration:
            owed.put(_END)
            return
        except BaseException as error:  # noqa: BLE001 - handed to the reading thread
            owed.put(error)
            return
        if flow.stopped:
            return
        if not isinstance(text, str):
            owed.put(TypeError(f"winnow cleans str, not {type(text).__name__}"))
            return
        owed.put(worker.sent + 1)  # before writing: a failed write shows as a missing answer
        try:
            flow.sent = worker.send(text)
        except Died:
            return


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
