"""clean_many/process_many's pipes: large documents with the window full, answers held
in winnow's output buffer (pads), a slow input, messages, a kill with a large document
in flight, extra arguments."""
import contextlib
import os
import signal
import stat
import sys
import textwrap
import threading
import time
import warnings

import pytest

import winnow
from conftest import children


@contextlib.contextmanager
def deadline(seconds):
    """Fails the test instead of hanging if the block takes longer than ``seconds``."""
    def expired(*_):
        raise TimeoutError(f"still running after {seconds} s: the stream is stuck")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def article(lines, tag):
    """An article-like page: a menu line winnow drops and ``lines`` sentences it keeps."""
    body = "\n".join(f"Sentence {n} of document {tag} says something about the article at length."
                     for n in range(lines))
    return f"×\n{body}\n"


def live(pids):
    alive = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().split(")")[-1].split()[0] != "Z":
                    alive.append(pid)
        except FileNotFoundError:
            pass
    return alive


@pytest.mark.parametrize("window", [2, 32])  # the line-buffered process; the batched one with pads
def test_multi_megabyte_documents_with_the_window_full(window):
    # Answers of several MB fill the output pipe while requests of several MB fill the
    # input pipe: neither side may wait on the other.
    big = [article(90_000, "big-a"), article(60_000, "big-b")]  # about 7 and 5 MB
    assert len(big[0].encode()) > 6_000_000
    texts = []
    for n in range(40):
        texts.append(article(3, n))
        if n in (5, 6, 30):
            texts.append(big[n % 2])
    with winnow.Cleaner(window=window) as cleaner, deadline(180):
        one = {t: cleaner.process(t) for t in texts}  # one at a time (a big one: larger than the pipe)
        want = [one[t].text for t in texts]
        assert len(want[6]) > 1_000_000 and all(w.startswith("Sentence 0 of") for w in want)
        assert list(cleaner.clean_many(texts)) == want
        results = list(cleaner.process_many(iter(texts)))
        assert [r.text for r in results] == want
        assert [r.removed_by for r in results] == [one[t].removed_by for t in texts]


@pytest.mark.parametrize("window", [1, 3, 32, 256, 5000])
def test_tiny_answers_come_back_whatever_the_window(window):
    # Every answer is {"id":N,"text":""}: 4000 of them fill no 64 KiB output buffer, so
    # the API's pads are what makes winnow write them.
    with winnow.Cleaner(window=window) as cleaner, deadline(120):
        assert list(cleaner.clean_many("×" for _ in range(4000))) == [""] * 4000
        assert list(cleaner.clean_many(["×\nOne sentence."])) == ["One sentence."]
        assert [r.lines_removed for r in cleaner.process_many(["×"] * 10)] == [1] * 10


def test_a_slow_input_gets_each_answer_before_the_next_text_is_asked_for():
    # A source that blocks until the consumer has the previous answer (a crawler, a
    # queue fed by the consumer): the stream must not wait for more texts first.
    delivered = threading.Event()

    def source():
        for n in range(6):
            yield f"×\nPage {n} has one sentence."
            assert delivered.wait(20), "the answer did not come before the next text was asked for"
            delivered.clear()

    with winnow.Cleaner() as cleaner, deadline(120):
        for n, text in enumerate(cleaner.clean_many(source())):
            assert text == f"Page {n} has one sentence."
            delivered.set()
        for n, result in enumerate(cleaner.process_many(source())):
            assert result.text == f"Page {n} has one sentence."
            delivered.set()


def test_the_same_text_through_every_path():
    texts = ["", " ", "\n", "\n\n\n", "×", "One line without end", "Line one.\r\nLine two.\r\n",
             'Quotes " and \\ backslashes \\" \\\\n stay.\n', "Tabs\tinside\tthe line.\n",
             "Control \x00 \x01 \x0b \x0c \x1b \x7f characters.", "A lone surrogate: a\ud800b \udfff.",
             "Emoji 🧹 and Persian متن فارسی and Arabic نص عربي.\n", "\u2028 and \u2029 separators.",
             "\ufeffA byte-order mark first.", "×\n" + "Long line " * 20000]
    with winnow.Cleaner() as cleaner, deadline(120):
        one = [cleaner.process(t).text for t in texts]
        assert list(cleaner.clean_many(texts)) == one
        assert [r.text for r in cleaner.process_many(texts)] == one
        assert list(winnow.Cleaner(window=1).clean_many(texts)) == one
    assert one[10] == "A lone surrogate: a\ufffdb \ufffd."
    assert one[7] == texts[7]


def test_an_oversized_document_in_a_stream_warns_once_and_pads_do_not():
    # The pads (64 KiB of spaces) are larger than max_doc_bytes too: winnow's warnings
    # about them are the API's business, not the caller's.
    big = "×\n" + "x" * 2000
    texts = ["×\nBefore.", big, "×\nAfter."]
    with winnow.Cleaner(max_doc_bytes=1000) as cleaner, deadline(60):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert list(cleaner.clean_many(texts)) == ["Before.", big, "After."]
        assert [str(w.message) for w in caught if issubclass(w.category, winnow.WinnowWarning)] == \
            [m for m in [str(w.message) for w in caught] if "document 2:" in m and "larger than --max-doc-bytes" in m]
        assert len(caught) == 1
        # A second call names the document by its place in that call too (winnow's own
        # record numbers go on across calls and count the pads).
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert list(cleaner.clean_many(texts)) == ["Before.", big, "After."]
        assert [str(w.message) for w in caught] == \
            ["winnow: warning: document 2: larger than --max-doc-bytes (1000 bytes): passed through unchanged"]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            results = list(cleaner.process_many(texts))
        assert [r.warning is not None for r in results] == [False, True, False] and len(caught) == 1
        assert results[1].text == big


def test_killed_with_a_large_document_in_flight():
    cleaner = winnow.Cleaner(window=32)
    big = article(120_000, "huge")  # about 9 MB: the input pipe is full when the kill comes

    def source():
        for n in range(10):
            yield article(2, n)
            if n == 3:
                yield big
                os.kill(cleaner.pid, signal.SIGKILL)

    with deadline(120):
        want = list(cleaner.clean_many(article(2, n) for n in range(10)))
        got = []
        with pytest.raises(winnow.WinnowError, match="killed by signal SIGKILL"):
            for text in cleaner.clean_many(source()):
                got.append(text)
        assert got == want[:len(got)] and len(got) <= 5
        assert list(cleaner.clean_many([article(2, 0)])) == want[:1]
        got = 0
        with pytest.raises(winnow.WinnowError, match="killed by signal SIGKILL"):
            for _ in cleaner.process_many(article(2, n) for n in range(100000)):
                got += 1
                if got == 50:
                    os.kill(cleaner.pid, signal.SIGKILL)
        assert cleaner.process("×\nAfter the kill.").text == "After the kill."
    pids = cleaner.pids
    cleaner.close()
    assert not live(pids)


def test_a_winnow_that_holds_more_than_a_pad_is_still_answered(tmp_path):
    # A stand-in for a winnow whose output buffer is larger than a pad (256 KiB): the
    # API's growing pads after a quiet second still make it write.
    fake = tmp_path / "buffering-winnow"
    fake.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import json, os, sys
        held = bytearray()
        for line in sys.stdin.buffer:
            if line.strip(b" \\n"):
                record = json.loads(line)
                line = json.dumps({{"id": record["id"], "text": record["text"].replace("×\\n", "")}},
                                  ensure_ascii=False, separators=(",", ":")).encode() + b"\\n"
            held += line
            if len(held) > 256 * 1024:
                os.write(1, held)
                held.clear()
        os.write(1, held)
    """), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    with winnow.Cleaner(binary=fake) as cleaner, deadline(60):
        started = time.monotonic()
        assert list(cleaner.clean_many(f"×\nDoc {n}." for n in range(5))) == [f"Doc {n}." for n in range(5)]
        assert time.monotonic() - started < 30


def test_extra_args_reach_every_process(rule_file):
    with winnow.Cleaner(rules=rule_file, extra_args=["--lang", "en"]) as cleaner:
        assert cleaner.clean("Quokka line\nA sentence.") == "A sentence."
        assert list(cleaner.clean_many(["Quokka line\nA sentence."])) == ["A sentence."]
        assert cleaner.process("Quokka line\nA sentence.").lang == "en"
    with winnow.Cleaner(extra_args=["--no-such-option"]) as cleaner:
        with pytest.raises(winnow.WinnowError, match="no-such-option"):
            list(cleaner.clean_many(["text"]))
    with pytest.raises(TypeError):
        winnow.Cleaner(extra_args="-j 2")


def test_every_kind_of_process_ends_with_the_cleaner():
    before = set(live(children()))
    with winnow.Cleaner() as cleaner:
        cleaner.clean("one")
        list(cleaner.clean_many(["two"]))
        list(cleaner.process_many(["three"]))
        pids = cleaner.pids
        assert len(pids) == 3 and set(pids) <= set(children())
    assert not live(pids)
    assert set(live(children())) <= before


def test_large_documents_are_not_taken_a_whole_window_ahead():
    # window counts documents; the texts taken and not yet sent are also capped in
    # size (4 Mi characters), so 256 documents of 1 MB each are not all held at once.
    pulled = 0
    ahead = []

    def source():
        nonlocal pulled
        for n in range(60):
            pulled += 1
            yield f"×\nLarge document {n}.\n" + ("Word " * 200_000)

    # -j 1: this bounds what the API takes ahead; with -j N winnow itself holds up to
    # 4 x N documents more in flight (its own bounded window, tested in Swift).
    with winnow.Cleaner(window=256, extra_args=["-j", "1"]) as cleaner, deadline(180):
        for done, _ in enumerate(cleaner.clean_many(source()), 1):
            ahead.append(pulled - done)
    assert len(ahead) == 60 and max(ahead) <= 16, ahead
