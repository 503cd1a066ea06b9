"""One `winnow --jsonl` process and its JSON Lines protocol.

Every request is ``{"id":N,"text":...}`` with N winnow's own record number in this
process (its messages on standard error, "(standard input): record N: ...", name the
record they are about). winnow answers each record with one line, in order, carrying
the id back; a record it could not clean (or a document larger than --max-doc-bytes)
comes back unchanged, and the message says why. The requests are built by hand (the
text's UTF-8 with quotes, backslashes and line ends escaped) and an answer's text is
read with json's string scanner: no dict per document unless --meta is asked for.

``Worker.exchange`` streams: a reader thread takes the texts from the caller's
iterator; the calling thread encodes them, writes while winnow's input pipe has room,
reads answers as they come and drains standard error, all through poll(2) on
non-blocking pipes, so it never blocks on one pipe while winnow waits on another.
``Worker.ask`` is one document on a ``--line-buffered`` process: one write, one wait.

A worker started without ``--line-buffered`` (the streams: ``clean_many``,
``process_many``) lets winnow fill its 64 KiB output buffer instead of flushing every
record: far fewer writes, reads and wake-ups on both sides. winnow then writes its
answers when the buffer is full or its input ends, so an answer can sit in that
buffer while winnow waits for the next record: whenever the exchange has nothing
more to send (the input ended, the window is full, or the iterator is slow to give
the next text) it sends a *pad*, a blank line of 64 KiB + 1 spaces. winnow passes a
blank line through as it is, and a write larger than its buffer flushes everything
before it. If nothing comes back for a second anyway (a slow document, or a winnow
whose buffering differs), another pad of twice the size follows, up to 16 MiB, so no
buffer size can hold an answer back for good. Pads take record numbers; their
answers (and any message about them) are skipped.
"""
from __future__ import annotations

import collections
import errno
import fcntl
import json
import os
import re
import select
import signal
import subprocess
import threading
import time
from json.decoder import scanstring
from typing import Deque, Dict, Iterator, List, Optional, Tuple

from ._errors import WinnowError

_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
_F_GETPIPE_SZ = getattr(fcntl, "F_GETPIPE_SZ", 1032)
_PIPE_SIZE = 1 << 20          # both pipes, where Linux allows: fewer wake-ups
_READ = 1 << 20               # one read of answers
_OUT_CAP = 1 << 20            # requests encoded ahead of what the pipe took
_PAD = 65537                  # winnow's output buffer (OutputSink) is 64 KiB
_PAD_MAX = 16 << 20
_PATIENCE_MS = 1000           # no answer for this long: a bigger pad
_GRACE_MS = 2                 # the reader thread's moment before a pad
_GRACE_S = _GRACE_MS / 1000
_HOLD = 4 << 20               # characters taken from the iterator and not yet encoded
_RECORD = re.compile(r"\(standard input\): record (\d+):")
_CONTROL = bytes(b for b in range(32) if b not in b"\n\r\t")


class Died(WinnowError):
    """The process ended (or closed its output) while a record was owed."""


class OutOfStep(WinnowError):
    """winnow's answer is not the one due: the process cannot be trusted further."""


def encode(number: int, text: str) -> bytes:
    """One request line, built by hand: the text's UTF-8 with quotes, backslashes and
    line ends escaped. A text with other control characters goes through json.dumps;
    one with lone surrogates (no UTF-8 form) goes \\u-escaped, and winnow reads each
    of those as U+FFFD."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return b'{"id":%d,"text":%s}\n' % (number, json.dumps(text).encode("ascii"))
    if len(data.translate(None, _CONTROL)) != len(data):
        return b'{"id":%d,"text":%s}\n' % (number, json.dumps(text, ensure_ascii=False).encode("utf-8"))
    if b"\\" in data:
        data = data.replace(b"\\", b"\\\\")
    if b'"' in data:
        data = data.replace(b'"', b'\\"')
    data = data.replace(b"\n", b"\\n")
    if b"\r" in data:
        data = data.replace(b"\r", b"\\r")
    if b"\t" in data:
        data = data.replace(b"\t", b"\\t")
    return b'{"id":%d,"text":"%s"}\n' % (number, data)


def text_of(number: int, line: bytes) -> str:
    """The text of an answer without --meta, ``{"id":N,"text":"..."}``: the string read
    with json's own scanner, without building a dict."""
    head = b'{"id":%d,"text":"' % number
    if line.startswith(head) and line.endswith(b'"}'):
        answer = line.decode("utf-8", "replace")
        try:
            text, end = scanstring(answer, len(head))
        except ValueError:
            pass
        else:
            if end == len(answer) - 1:
                return text
    return record_of(number, line).get("text", "")


def record_of(number: int, line: bytes) -> dict:
    """An answer as a dict, checked to be the one due."""
    try:
        record = json.loads(line)
    except ValueError as error:
        raise OutOfStep(f"winnow answered record {number} with a line that is not JSON: {error}") from None
    if not isinstance(record, dict) or record.get("id") != number:
        got = record.get("id") if isinstance(record, dict) else record
        raise OutOfStep(f"winnow answered record {got!r} where {number} was due (out of step)")
    return record


class Worker:
    """A running winnow process; ``exchange`` streams requests through it."""

    def __init__(self, argv: List[str], *, line_buffered: bool):
        self.argv = argv
        self.line_buffered = line_buffered
        try:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, bufsize=0, close_fds=True)
        except OSError as error:
            raise WinnowError(f"cannot run {argv[0]}: {error}") from error
        self.pid = self.proc.pid
        self._in, self._out, self._err = self.proc.stdin.fileno(), self.proc.stdout.fileno(), self.proc.stderr.fileno()
        for fd in (self._in, self._out):
            try:  # bigger pipes: fewer wake-ups between this process and winnow (Linux)
                fcntl.fcntl(fd, _F_SETPIPE_SZ, _PIPE_SIZE)
            except OSError:
                pass
        for fd in (self._in, self._out, self._err):
            os.set_blocking(fd, False)
        try:
            self._pipe = fcntl.fcntl(self._in, _F_GETPIPE_SZ)
        except OSError:
            self._pipe = 1 << 16
        self._poller = select.poll()  # for ask(): the answers and the messages
        self._poller.register(self._out, select.POLLIN)
        self._poller.register(self._err, select.POLLIN)
        self.sent = 0                     # records written (winnow's record numbers), pads too
        self.owed: Deque[int] = collections.deque()  # record numbers owed an answer; a pad's negated
        self.requests_owed = 0            # the documents among them
        self._pads: set = set()           # the pads' record numbers
        self._partial: List[bytes] = []   # the start of an answer still being read
        self._rbuf = bytearray(_READ)
        self._rview = memoryview(self._rbuf)
        self._err_partial = b""
        self._stderr: Deque[str] = collections.deque(maxlen=500)
        self.messages: Dict[int, str] = {}  # record number -> winnow's message about it
        self.meta = "--meta" in argv
        self._broken = False              # a write found the process gone
        self._err_closed = False
        self._exchange_poller = None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def in_step(self) -> bool:
        """Every document sent was answered: the next call can use this process. Pads
        may still be owed (a pad larger than --max-doc-bytes is written in parts, its
        end held until the next write); the next exchange skips their answers first."""
        return not self.requests_owed and not self._broken

    # ---------------------------------------------------------------- the exchange

    def ask(self, text: str) -> Tuple[int, bytes]:
        """One document: its record number and answer. On a line-buffered worker a
        request that fits in the (empty) input pipe takes one write and a wait for
        the answer; anything else goes through ``exchange``."""
        if not isinstance(text, str):
            raise TypeError(f"winnow cleans str, not {type(text).__name__}")
        number = self.sent + 1
        request = encode(number, text)
        if not self.line_buffered or len(request) > self._pipe or self.owed or self._partial:
            answer = None
            for answer in self.exchange(iter((text,)), 1):
                pass
            return answer
        self.sent = number
        self.owed.append(number)
        self.requests_owed += 1
        try:
            written = os.write(self._in, request)
        except BlockingIOError:
            written = 0
        except OSError as error:
            if error.errno not in (errno.EPIPE, errno.ECONNRESET):
                raise
            self._broken = True
            written = len(request)
        if written < len(request):  # not expected with an empty pipe; but if so
            self._broken = True
            raise OutOfStep(f"winnow took {written} of {len(request)} bytes of record {number}")
        lines: List[bytes] = []
        while not lines:
            for fd, _ in self._poller.poll():
                if fd == self._err:
                    self._read_stderr()
                elif not self._read_answers(lines):
                    raise self.died(f"record {number} was not answered")
        self.owed.popleft()
        self.requests_owed -= 1
        if len(lines) > 1:
            raise OutOfStep(f"winnow answered record {number} with {len(lines)} lines (out of step)")
        return number, lines[0]

    def exchange(self, texts: Iterator[str], window: int) -> Iterator[Tuple[int, bytes]]:
        """Sends ``texts`` (at most ``window`` taken from it and not yet answered) and
        yields ``(record number, answer line)`` in order. A reader thread takes the texts
        from the iterator (which may block: a crawler, a queue), so answers are yielded
        as they come; this thread encodes, writes and reads. An exception from ``texts``
        (or a text that is not a str) is raised once the records before it are answered.
        Raises Died if the process ends with answers owed."""
        source = _Source(texts, window)
        try:
            yield from self._exchange(source)
        finally:
            source.stop()

    def _exchange(self, source: "_Source") -> Iterator[Tuple[int, bytes]]:
        out = bytearray()
        items = source.items
        padded = True               # the last record sent is a pad (or none is owed)
        pad = _PAD
        pad_mode = not self.line_buffered
        poller = select.poll()
        poller.register(self._out, select.POLLIN)
        if not self._err_closed:
            poller.register(self._err, select.POLLIN)
        poller.register(source.wake_r, select.POLLIN)
        self._exchange_poller = poller
        writing = False
        while True:
            finished = source.finished  # read first: the texts taken before it are in items
            # Encode what the reader thread has taken, as far as the encoding budget goes.
            while items and len(out) < _OUT_CAP and not self._broken:
                text = items.popleft()
                source.encoded_chars += len(text)
                self.sent += 1
                out += encode(self.sent, text)
                self.owed.append(self.sent)
                self.requests_owed += 1
                padded = False
            source.make_room()
            if out and not self._broken:
                self._write(out)
            if not self.requests_owed and not items and finished:
                if source.error is not None:
                    raise source.error
                return
            timeout: Optional[int] = None
            if pad_mode and not padded and not out and self.requests_owed:
                # Nothing to send right now. If the reader thread has no more either
                # (the input ended, the window is full, or it waits on the iterator),
                # make winnow write what it holds: a pad. A reader that is merely
                # slower than this thread gets a moment first.
                if finished or source.full() or source.idle_for(_GRACE_S):
                    self._send_pad(out, pad)
                    padded = True
                    if not out:
                        timeout = _PATIENCE_MS
                else:
                    timeout = _GRACE_MS
            elif pad_mode and not out and self.requests_owed:
                timeout = _PATIENCE_MS
            if bool(out) != writing:
                writing = bool(out)
                if writing:
                    poller.register(self._in, select.POLLOUT)
                else:
                    poller.unregister(self._in)
            if not source.arm(finished, len(out) < _OUT_CAP and not self._broken):  # texts came meanwhile
                continue
            events = poller.poll(timeout)
            source.disarm()
            if not events:
                if timeout == _PATIENCE_MS and not self._broken:
                    # A slow document, or a winnow that holds more than a pad flushes.
                    pad = min(pad * 2, _PAD_MAX)
                    self._send_pad(out, pad)
                continue
            lines: List[bytes] = []
            ended = False
            for fd, event in events:
                if fd == self._out:
                    ended = not self._read_answers(lines)
                elif fd == self._err:
                    self._read_stderr()
                elif fd == source.wake_r:
                    source.woken()
                elif event & (select.POLLERR | select.POLLHUP):
                    self._broken = True  # the process closed its input: read what it wrote
                    out.clear()
            if lines:
                pad = _PAD
                # Messages are written before the answers they are about: in the pipe by now.
                self._read_stderr()
                for line in lines:
                    number = self.owed.popleft()
                    if number < 0:
                        if line.strip(b" "):
                            raise OutOfStep(f"winnow answered a pad with {line[:60]!r} (out of step)")
                        self._pads.discard(-number)
                        continue
                    self.requests_owed -= 1
                    source.answered()
                    yield number, line
            if ended:
                owed = next((n for n in self.owed if n > 0), None)
                raise self.died(f"record {owed} was not answered" if owed else "it ended between records")

    def _send_pad(self, out: bytearray, size: int) -> None:
        self.sent += 1
        self.owed.append(-self.sent)
        self._pads.add(self.sent)
        out += b" " * size + b"\n"
        self._write(out)

    def _write(self, out: bytearray) -> None:
        try:
            done = os.write(self._in, out)
        except BlockingIOError:
            return
        except (BrokenPipeError, ConnectionResetError, OSError) as error:
            if isinstance(error, OSError) and error.errno not in (errno.EPIPE, errno.ECONNRESET, errno.EBADF):
                raise
            self._broken = True  # gone: keep reading what it wrote before it went
            out.clear()
            return
        del out[:done]

    def _read_answers(self, lines: List[bytes]) -> bool:
        """Reads what is there into complete ``lines``; False at the end of the output."""
        try:
            # Into a buffer kept for the purpose: os.read(fd, 1 MiB) would allocate (and
            # map and unmap) a megabyte per call, whatever the answer's size.
            got = os.readv(self._out, [self._rbuf])
        except BlockingIOError:
            return True
        data = self._rview[:got].tobytes()
        if not data:
            return False
        if self._partial:
            at = data.find(b"\n")
            if at < 0:
                self._partial.append(data)
                return True
            self._partial.append(data[:at])
            lines.append(b"".join(self._partial))
            self._partial = []
            data = data[at + 1:]
        parts = data.split(b"\n")
        rest = parts.pop()
        lines.extend(parts)
        if rest:
            self._partial.append(rest)
        return True

    # ---------------------------------------------------------------- standard error

    def _read_stderr(self, until_end: bool = False) -> None:
        while True:
            try:
                data = os.read(self._err, 1 << 16)
            except BlockingIOError:
                if until_end and select.select([self._err], [], [], 2.0)[0]:
                    continue
                return
            except OSError:
                return
            if not data:
                data, self._err_partial = self._err_partial + b"\n" if self._err_partial else b"", b""
                if data:
                    self._take_stderr(data)
                if not self._err_closed:  # no more polling it: it would report the end forever
                    self._err_closed = True
                    for poller in (self._poller, self._exchange_poller):
                        try:
                            if poller is not None:
                                poller.unregister(self._err)
                        except (KeyError, ValueError):
                            pass
                return
            self._take_stderr(data)

    def _take_stderr(self, data: bytes) -> None:
        text = self._err_partial + data
        *complete, self._err_partial = text.split(b"\n")
        for raw in complete:
            line = raw.decode("utf-8", "replace")
            self._stderr.append(line)
            found = _RECORD.search(line)
            if found and int(found.group(1)) not in self._pads:  # a pad: "larger than --max-doc-bytes"
                self.messages.setdefault(int(found.group(1)), line)

    def message_about(self, number: int) -> Optional[str]:
        """winnow's message naming record ``number``, once. winnow writes it before the
        record's answer, so once the answer is read the message is in the pipe."""
        if number not in self.messages:
            self._read_stderr()
        return self.messages.pop(number, None)

    def stderr_text(self) -> str:
        return "\n".join(self._stderr)

    # ---------------------------------------------------------------- ending

    def died(self, what: str) -> Died:
        """The exception for a process that ended: its status and its last words."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.proc.returncode
        self._read_stderr(until_end=True)
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
            # Its output too: a process still writing answers (a stream left early)
            # then ends at once instead of waiting for a reader.
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                try:
                    if stream and not stream.closed:
                        stream.close()
                except OSError:
                    pass
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        except Exception:  # noqa: BLE001 - close runs from __del__ and atexit
            pass

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass


class _Source:
    """The reader thread of ``Worker.exchange``: takes texts from the caller's iterator
    into ``items`` while fewer than ``window`` are taken and not yet answered and the
    texts not yet encoded hold fewer than 4 Mi characters (memory stays bounded with
    large documents too), and wakes the exchange (a byte on a pipe) when it is
    waiting for texts."""

    def __init__(self, texts: Iterator[str], window: int):
        self.texts = texts
        self.window = window
        self.low = window // 2
        self.items: Deque[str] = collections.deque()
        self.taken = 0
        self.done = 0                 # answers yielded
        self.taken_chars = 0          # written by the reader thread only
        self.encoded_chars = 0        # written by the exchange only
        self.finished = False         # no more texts will come (end, error or stop)
        self.error: Optional[BaseException] = None
        self.stopped = False
        self.since = time.monotonic()  # when the thread last took a text
        self._lock = threading.Lock()
        self._room = threading.Condition(self._lock)
        self._waiting_room = False
        self._armed = False
        self.wake_r, self._wake_w = os.pipe()
        os.set_blocking(self.wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._thread = threading.Thread(target=self._run, name="winnow-input", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                with self._room:
                    while self._full() and not self.stopped:
                        self._waiting_room = True
                        self._room.wait()
                    self._waiting_room = False
                    if self.stopped:
                        return
                try:
                    text = next(self.texts)
                except StopIteration:
                    return
                except BaseException as error:  # noqa: BLE001 - raised by the exchange, in order
                    self.error = error
                    return
                if not isinstance(text, str):
                    self.error = TypeError(f"winnow cleans str, not {type(text).__name__}")
                    return
                with self._lock:
                    self.items.append(text)
                    self.taken += 1
                    self.taken_chars += len(text)
                    self.since = time.monotonic()
                    self._wake()
        finally:
            with self._lock:
                self.finished = True
                self._wake()

    def _wake(self) -> None:  # with the lock held
        if self._armed and not self.stopped:
            self._armed = False
            try:
                os.write(self._wake_w, b"!")
            except OSError:
                pass

    def arm(self, finished_seen: bool, hungry: bool) -> bool:
        """Before the exchange waits: False if texts it can take (or the end) came since
        it looked; else asks for a wake-up when texts come, if it can take them."""
        with self._lock:
            if (hungry and self.items) or self.finished != finished_seen:
                return False
            self._armed = hungry and not self.finished
            return True

    def disarm(self) -> None:
        self._armed = False

    def woken(self) -> None:
        try:
            os.read(self.wake_r, 4096)
        except OSError:
            pass

    def full(self) -> bool:
        """The window is full (the exchange then sends a pad: nothing more will come)."""
        return self.taken - self.done >= self.window

    def _full(self) -> bool:
        return self.taken - self.done >= self.window or self.taken_chars - self.encoded_chars >= _HOLD

    def make_room(self) -> None:
        """After the exchange encoded texts: wakes a reader thread held by the size cap."""
        if self._waiting_room and self.taken_chars - self.encoded_chars < _HOLD // 2 \
                and self.taken - self.done < self.window:
            with self._room:
                self._room.notify()

    def idle_for(self, seconds: float) -> bool:
        return time.monotonic() - self.since >= seconds

    def answered(self) -> None:
        self.done += 1
        if self._waiting_room and self.taken - self.done <= self.low:
            with self._room:
                self._room.notify()

    def stop(self) -> None:
        with self._room:
            self.stopped = True
            self._armed = False
            self._room.notify()
            for fd in (self.wake_r, self._wake_w):
                try:
                    os.close(fd)
                except OSError:
                    pass
