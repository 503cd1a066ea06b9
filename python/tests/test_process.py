"""The worker process: restarted when it dies, never left behind."""
import gc
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import winnow
from conftest import children


def gone(pid):
    """True when pid is no longer a live process (exited and reaped, or a zombie)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def documents(n):
    return (f"×\nDocument {n} with a sentence in it." for n in range(n))


def test_killed_mid_stream_raises_and_the_next_call_recovers():
    with winnow.Cleaner(window=32) as cleaner:
        got = 0
        with pytest.raises(winnow.WinnowError, match="killed by signal SIGKILL"):
            for text in cleaner.clean_many(documents(20000)):
                got += 1
                if got == 100:
                    killed = cleaner.pid
                    os.kill(killed, signal.SIGKILL)
        assert 100 <= got < 20000
        assert cleaner.clean("×\nAfter the kill.") == "After the kill."
        assert cleaner.pid != killed
        assert list(cleaner.clean_many(documents(3)))[2] == "Document 2 with a sentence in it."


def test_killed_while_idle_the_next_call_just_works():
    with winnow.Cleaner() as cleaner:
        cleaner.clean("warm up")
        first = cleaner.pid
        os.kill(first, signal.SIGKILL)
        assert cleaner.clean("×\nAgain.") == "Again."
        assert cleaner.pid != first


def test_close_leaves_no_child():
    cleaner = winnow.Cleaner()
    cleaner.clean("start it")
    pid = cleaner.pid
    assert pid in children()
    cleaner.close()
    assert gone(pid) and pid not in children()
    with pytest.raises(ValueError, match="closed"):
        cleaner.clean("after close")


def test_the_context_manager_and_garbage_collection_end_the_process():
    with winnow.Cleaner() as cleaner:
        cleaner.clean("start it")
        pid = cleaner.pid
    assert gone(pid)
    cleaner = winnow.Cleaner()
    cleaner.clean("start it")
    pid = cleaner.pid
    del cleaner
    gc.collect()
    assert gone(pid)


def test_leaving_a_stream_early_leaves_no_extra_child():
    before = {p for p in children() if not gone(p)}  # e.g. winnow.clean's shared processes
    with winnow.Cleaner() as cleaner:
        for _ in cleaner.clean_many(documents(1000)):
            break
        cleaner.clean("again")
        assert len([p for p in children() if p == cleaner.pid]) == 1
    assert {p for p in children() if not gone(p)} <= before


def test_interpreter_exit_ends_the_process():
    # atexit runs handlers last-registered first: `check` is registered before winnow's
    # own handler, so it runs after it and sees whether the worker is still there.
    script = textwrap.dedent("""
        import atexit, os
        state = {}
        def check():
            pid = state["pid"]
            try:
                alive = open(f"/proc/{pid}/stat").read().split(")")[-1].split()[0] != "Z"
            except FileNotFoundError:
                alive = False
            print("alive" if alive else "gone", flush=True)
        atexit.register(check)
        import winnow
        cleaner = winnow.Cleaner()
        cleaner.clean("start it")
        state["pid"] = cleaner.pid
        winnow.clean("the shared cleaner too")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "gone"


def test_a_pickled_cleaner_is_a_fresh_one_with_the_same_settings(rule_file):
    with winnow.Cleaner(rules=rule_file) as cleaner:
        cleaner.clean("start it")
        copy = pickle.loads(pickle.dumps(cleaner))
    with copy:
        assert copy.options == ["--rules", str(rule_file)]
        assert copy.clean("Quokka line\nA sentence.") == "A sentence."


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_starts_its_own_process():
    with winnow.Cleaner() as cleaner:
        cleaner.clean("start it")
        parent_worker = cleaner.pid
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                ok = cleaner.clean("×\nIn the child.") == "In the child." and cleaner.pid != parent_worker
                cleaner.close()
                os.write(write, b"ok" if ok else b"no")
            finally:
                os._exit(0)
        os.close(write)
        answer = os.read(read, 2)
        os.waitpid(child, 0)
        assert answer == b"ok"
        assert cleaner.pid == parent_worker
        assert cleaner.clean("×\nIn the parent.") == "In the parent."
