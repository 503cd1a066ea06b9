"""The datatrove step (skipped, saying why, when datatrove is not installed)."""
import importlib
import json
import sys

import pytest

from conftest import non_blank

SKIP = ("datatrove is not installed in this environment: python/run-tests.sh installs it "
        "unless WINNOW_TEST_DATATROVE=0 or pip could not (see its output)")


@pytest.fixture()
def datatrove():
    return pytest.importorskip("datatrove", reason=SKIP)


def test_the_step_cleans_text_and_records_removals(datatrove, seeds):
    from datatrove.data import Document
    from winnow.datatrove import WinnowCleaner

    step = WinnowCleaner()
    docs = [Document(text=text, id=seed.name) for seed, text, _ in seeds]
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == [seed.name for seed, _, _ in seeds]
    for doc, (_, _, want) in zip(out, seeds):
        assert non_blank(doc.text) == want
        info = doc.metadata["winnow"]
        assert info["lines_removed"] == sum(info["removed_by"].values()) > 0
    assert next(d for d in out if d.id.startswith("002_")).metadata["winnow"]["meta"]["id"] == "264802"
    assert step.stats["total"].total == len(seeds)


def test_the_step_runs_in_a_local_executor(datatrove, seeds, tmp_path):
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from winnow.datatrove import WinnowCleaner

    out = tmp_path / "out.jsonl"

    def write(data, rank=0, world_size=1):  # a writer without datatrove's optional orjson
        with open(out, "w", encoding="utf-8") as f:
            for doc in data:
                f.write(json.dumps({"id": doc.id, "text": doc.text, "metadata": doc.metadata}) + "\n")
                yield doc

    docs = [Document(text=text, id=seed.name) for seed, text, _ in seeds] + [Document(text="×\n", id="empty")]
    LocalPipelineExecutor(pipeline=[docs, WinnowCleaner(drop_empty=True), write],
                          tasks=1, logging_dir=str(tmp_path / "logs")).run()
    written = [json.loads(line) for line in open(out, encoding="utf-8")]
    assert [r["id"] for r in written] == [seed.name for seed, _, _ in seeds]
    assert [non_blank(r["text"]) for r in written] == [want for _, _, want in seeds]
    assert all(r["metadata"]["winnow"]["lines_in"] > 0 for r in written)


def test_without_datatrove_the_import_error_says_what_to_install(monkeypatch):
    for name in [m for m in sys.modules if m == "datatrove" or m.startswith("datatrove.") or m == "winnow.datatrove"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "datatrove", None)
    with pytest.raises(ImportError, match="pip install datatrove"):
        importlib.import_module("winnow.datatrove")
    import winnow
    assert winnow.clean("×\nStill works.") == "Still works."
