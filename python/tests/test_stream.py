"""Cleaner.clean_many: order, bounded memory, errors, sharing."""
import threading

import pytest

import winnow


def documents(n):
    return (f"×\nDocument number {n} of the stream, with a sentence." for n in range(n))


def test_many_documents_come_back_in_order():
    with winnow.Cleaner(window=16) as cleaner:
        got = list(cleaner.clean_many(documents(3000)))
    assert got == [f"Document number {n} of the stream, with a sentence." for n in range(3000)]


def test_at_most_window_documents_are_in_flight():
    pulled = 0

    def source():
        nonlocal pulled
        for text in documents(500):
            pulled += 1
            yield text

    with winnow.Cleaner(window=8) as cleaner:
        for done, _ in enumerate(cleaner.clean_many(source()), 1):
            assert pulled - done <= 8


def test_an_endless_input_can_be_consumed_in_part():
    def endless():
        n = 0
        while True:
            yield f"×\nPage {n} has one sentence."
            n += 1

    with winnow.Cleaner(window=4) as cleaner:
        results = cleaner.clean_many(endless())
        first = [next(results) for _ in range(50)]
        results.close()
        assert first[49] == "Page 49 has one sentence."
        assert cleaner.clean("×\nAfter the stream.") == "After the stream."


def test_an_error_in_the_input_comes_after_the_earlier_results_and_the_process_stays():
    def failing():
        yield "×\nOne sentence."
        yield "×\nTwo sentences."
        raise KeyError("from the input")

    with winnow.Cleaner() as cleaner:
        cleaner.clean("warm up")
        pid = cleaner.pid
        got = []
        with pytest.raises(KeyError, match="from the input"):
            for text in cleaner.clean_many(failing()):
                got.append(text)
        assert got == ["One sentence.", "Two sentences."]
        assert cleaner.clean("×\nStill here.") == "Still here."
        assert cleaner.pid == pid


def test_a_non_string_in_the_input_is_a_type_error():
    with winnow.Cleaner() as cleaner:
        with pytest.raises(TypeError):
            list(cleaner.clean_many(["fine", 42]))
        assert cleaner.clean("fine") == "fine"


def test_process_many_yields_results_and_errors_must_be_known():
    with winnow.Cleaner() as cleaner:
        results = list(cleaner.process_many(["×\nOne.", "Two."]))
        assert [r.lines_removed for r in results] == [1, 0]
        with pytest.raises(ValueError):
            cleaner.process_many([], errors="ignore")


def test_the_cleaner_cannot_be_reentered_from_its_own_loop():
    with winnow.Cleaner() as cleaner:
        with pytest.raises(RuntimeError, match="clean_many"):
            for _ in cleaner.clean_many(documents(3)):
                cleaner.clean("inside")
        assert cleaner.clean("×\nafter") == "after"


def test_threads_share_one_cleaner():
    failures = []
    with winnow.Cleaner() as cleaner:
        def work(k):
            for n in range(100):
                if cleaner.clean(f"×\nThread {k} line {n}.") != f"Thread {k} line {n}.":
                    failures.append((k, n))
        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []
