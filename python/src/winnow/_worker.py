"""One `winnow --jsonl --line-buffered --meta` process and its JSON Lines protocol.

Every record sent is ``{"id": N, "text": ...}`` with N counting from 1 in this
process, so N is also winnow's own record number: its messages on standard error
("(standard input): record N: ...") name the record they are about. winnow answers
each record with one line, in order, carrying the id back; an answer without the
"winnow" member is a record it passed through unchanged, and the message says why.
"""
from __future__ import annotations

import collections
import fcntl
import json
import signal
import subprocess
import threading
from typing import List, Optional

from ._errors import WinnowError
from ._result import Result

_BUFFER = 1 << 16
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
_PIPE_SIZE = 1 << 20


class Died(WinnowError):
    """The process ended (or closed its output) while a record was owed."""


def encode(number: int, text: str) -> bytes:
    """One request line. UTF-8 as is; a string with lone surrogates (no UTF-8 form)
    goes \\u-escaped, and winnow reads each of those as U+FFFD."""
    try:
        return b'{"id":%d,"text":%s}\n' % (number, json.dumps(text, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:
        return b'{"id":%d,"text":%s}\n' % (number, json.dumps(text).encode("ascii"))


class Worker:
    """A running winnow process: write requests with ``send``, read answers with ``receive``."""

    def __init__(self, argv: List[str]):
        self.argv = argv
        try:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, bufsize=_BUFFER, close_fds=True)
        except OSError as error:
            raise WinnowError(f"cannot run {argv[0]}: {error}") from error
        self.pid = self.proc.pid
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:  # bigger pipes: fewer wake-ups between this process and winnow (Linux)
                fcntl.fcntl(pipe.fileno(), _F_SETPIPE_SZ, _PIPE_SIZE)
            except (OSError, AttributeError):
                pass
        self.sent = 0
        self.received = 0
        self._stderr: collections.deque = collections.deque(maxlen=500)
        self._stderr_seen = threading.Condition()
        self._stderr_done = False
        self._stderr_thread = threading.Thread(target=self._read_stderr, name=f"winnow-stderr-{self.pid}", daemon=True)
        self._stderr_thread.start()

    # ---------------------------------------------------------------- protocol

    def alive(self) -> bool:
        return self.proc.poll() is None

    def send(self, text: str) -> int:
        """Writes one request (and flushes it); returns its id. Raises Died."""
        number = self.sent + 1
        data = encode(number, text)
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, ConnectionResetError, ValueError, OSError) as error:
            raise self.died(f"writing record {number}: {error}") from None
        self.sent = number
        return number

    def receive(self, number: int) -> dict:
        """Reads the answer to request ``number`` (answers come in order)."""
        line = self.proc.stdout.readline()
        if not line or not line.endswith(b"\n"):
            raise self.died(f"record {number} was not answered")
        self.received += 1
        try:
            record = json.loads(line)
        except ValueError as error:
            raise WinnowError(f"winnow answered record {number} with a line that is not JSON: {error}") from None
        if record.get("id") != number:
            raise WinnowError(f"winnow answered record {record.get('id')!r} where {number} was due (out of step)")
        return record

    def result(self, record: dict, number: int) -> Result:
        """The Result of an answer; an answer without "winnow" becomes a Result with the
        warning, or a WinnowError when winnow called it an error."""
        if "winnow" in record:
            return Result.from_record(record)
        message = self.message_about(number)
        if message is None or "warning:" not in message:
            raise WinnowError(message or f"winnow passed record {number} through unchanged without saying why",
                              stderr=message or "")
        return Result(record.get("text", ""), warning=message)

    # ---------------------------------------------------------------- standard error

    def _read_stderr(self) -> None:
        try:
            for raw in iter(self.proc.stderr.readline, b""):
                with self._stderr_seen:
                    self._stderr.append(raw.decode("utf-8", "replace").rstrip("\n"))
                    self._stderr_seen.notify_all()
        except (OSError, ValueError):
            pass
        finally:
            with self._stderr_seen:
                self._stderr_done = True
                self._stderr_seen.notify_all()

    def message_about(self, number: int, timeout: float = 2.0) -> Optional[str]:
        """winnow's message naming record ``number`` (written before the record's answer,
        so it is in the pipe already; the reader thread may need a moment)."""
        tag = f"record {number}:"
        with self._stderr_seen:
            self._stderr_seen.wait_for(lambda: self._stderr_done or any(tag in l for l in self._stderr), timeout)
            return next((l for l in self._stderr if tag in l), None)

    def stderr_text(self) -> str:
        with self._stderr_seen:
            return "\n".join(self._stderr)

    # ---------------------------------------------------------------- ending

    def died(self, what: str) -> Died:
        """The exception for a process that ended: its status and its last words."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.proc.returncode
        self._stderr_thread.join(timeout=2)
        said = self.stderr_text().strip()
        if code is not None and code < 0:
            try:
                how = f"was killed by signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"was killed by signal {-code}"
        else:
            how = f"exited with status {code}"
        message = f"winnow (pid {self.pid}) {how} ({what})"
        if said:
            message += ": " + said
        return Died(message, stderr=said, returncode=code)

    def close(self, timeout: float = 2.0) -> None:
        """Ends the process: closes its input (winnow then exits by itself), waits a
        little, then kills it. Idempotent; never raises."""
        try:
            if self.proc.stdin and not self.proc.stdin.closed:
                try:
                    self.proc.stdin.close()
                except OSError:
                    pass
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
            self._stderr_thread.join(timeout=1)
            for stream in (self.proc.stdout, self.proc.stderr):
                try:
                    if stream:
                        stream.close()
                except OSError:
                    pass
        except Exception:  # noqa: BLE001 - close runs from __del__ and atexit
            pass

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
