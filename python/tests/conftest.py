"""Shared fixtures: the repository's seed pages and their expected kept lines."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(os.environ.get("WINNOW_REPO") or pathlib.Path(__file__).resolve().parents[2])
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def non_blank(text):
    """The lines the comparison counts: seeds/expected/ holds the kept lines without blanks."""
    return [line for line in text.split("\n") if line.strip()]


def expected(seed):
    return non_blank((ROOT / "seeds" / "expected" / seed.name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds():
    assert SEEDS, f"no seed pages under {ROOT / 'seeds'} (set WINNOW_REPO to the repository)"
    return [(seed, seed.read_text(encoding="utf-8"), expected(seed)) for seed in SEEDS]


@pytest.fixture()
def rule_file(tmp_path):
    path = tmp_path / "test.rules"
    path.write_text("lang all\n\ndrop test.quokka  ^Quokka line$\n  note A test rule.\n"
                    "  - Quokka line\n  + Quokka line of the article\n", encoding="utf-8")
    return path


def children(name="winnow"):
    """Processes called ``name`` whose parent is this process (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if comm == name and int(fields[1]) == os.getpid():
            found.append(int(entry))
    return found
