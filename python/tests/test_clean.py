"""winnow.clean, Cleaner.clean/process/explain on single documents."""
import os
import shutil
import subprocess
import sys
import warnings

import pytest

import winnow
from conftest import ROOT, SEEDS, non_blank


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_clean_gives_the_expected_lines(seed, seeds):
    _, text, want = next(s for s in seeds if s[0] == seed)
    assert non_blank(winnow.clean(text)) == want


def test_clean_many_gives_the_expected_lines_in_order(seeds):
    texts = [text for _, text, _ in seeds] * 40
    wants = [want for _, _, want in seeds] * 40
    with winnow.Cleaner() as cleaner:
        got = [non_blank(out) for out in cleaner.clean_many(texts)]
    assert got == wants


def test_process_reports_removals_and_captured_metadata(seeds):
    seed = next(s for s in seeds if s[0].name.startswith("002_"))
    with winnow.Cleaner() as cleaner:
        result = cleaner.process(seed[1])
    assert non_blank(result.text) == seed[2]
    assert result.lang == "fa"
    assert result.lines_removed == sum(result.removed_by.values()) > 0
    assert result.removed_by["fa.news-id"] == 1
    assert result.meta["id"] == "264802"
    assert result.lines_in > result.lines_removed
    assert result.as_metadata()["meta"] == result.meta


def test_plain_text_and_empty_text():
    assert winnow.clean("") == ""
    assert winnow.clean("A sentence that is the whole article.\n") == "A sentence that is the whole article.\n"
    assert winnow.clean("×\nA sentence that is the whole article.") == "A sentence that is the whole article."


def test_a_string_without_utf8_form_goes_through():
    assert winnow.clean("An article with a lone surrogate: a\ud800b.") == "An article with a lone surrogate: a\ufffdb."


def test_rules_replace_the_defaults(rule_file):
    text = "Hello there, this is a sentence of the article.\nQuokka line\n×\n"
    assert winnow.clean(text, rules=rule_file) == "Hello there, this is a sentence of the article.\n×\n"
    assert winnow.clean(text, rules=[str(rule_file)]) == "Hello there, this is a sentence of the article.\n×\n"
    assert "Quokka line" in winnow.clean(text)  # not a default rule


def test_a_bad_rule_path_is_a_winnow_error_with_its_message(tmp_path):
    with pytest.raises(winnow.WinnowError, match="no such rule file or folder"):
        winnow.clean("text", rules=tmp_path / "missing.rules")


def test_a_bad_rule_is_a_winnow_error_naming_the_line(tmp_path):
    bad = tmp_path / "bad.rules"
    bad.write_text("lang all\n\ndrop test.bad  ^(unclosed$\n", encoding="utf-8")
    with winnow.Cleaner(rules=bad) as cleaner:
        with pytest.raises(winnow.WinnowError) as caught:
            cleaner.clean("text")
    assert "bad.rules:3" in str(caught.value)
    assert caught.value.returncode == 2


def _learned_profile(tmp_path):
    """A profile of the site "zorb", learned by the binary from five of its pages:
    each has the site's header and footer lines around its own story."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(1, 6):
        (pages / f"p{i}.txt").write_text(
            "Zorblax Weekly Digest Corner\n"
            f"Story number {i} is about a river that flooded the valley after the storm, and the town "
            "council met on Monday to plan the repairs of the old bridge.\n"
            f"Residents said the water rose faster than ever before in story {i}, and many families moved "
            "their belongings upstairs overnight.\n"
            "Members get the Zorblax quarterly gazette with every order\n", encoding="utf-8")
    subprocess.run([winnow.binary_path(), "learn", str(pages), "--site", "zorb", "--save-profile",
                    str(tmp_path / "profiles")], check=True, stdout=subprocess.DEVNULL)
    return tmp_path / "profiles"


NEW_PAGE = ("Zorblax Weekly Digest Corner\n"
            "A new story about the harvest festival drew crowds from three villages, and the organisers "
            "promised to return next year with more music.\n"
            "Members get the Zorblax quarterly gazette with every order\n")
STORY = NEW_PAGE.split("\n")[1]


def test_a_site_profile_removes_the_sites_template(tmp_path):
    profiles = _learned_profile(tmp_path)
    # Without the profile the two template lines stay (no rule knows them).
    assert non_blank(winnow.clean(NEW_PAGE)) == NEW_PAGE.strip().split("\n")
    assert non_blank(winnow.clean(NEW_PAGE, profile=profiles, site="zorb")) == [STORY]
    assert non_blank(winnow.clean(NEW_PAGE, profile=profiles / "zorb.profile")) == [STORY]
    with winnow.Cleaner(profile=profiles, site="zorb") as cleaner:
        assert [non_blank(t) for t in cleaner.clean_many([NEW_PAGE, NEW_PAGE])] == [[STORY], [STORY]]
    # A site name the folder has no profile for is winnow's error (it applied nothing, silently).
    with pytest.raises(winnow.WinnowError, match="has no profile for this site"):
        winnow.clean(NEW_PAGE, profile=profiles, site="other")


def test_a_missing_profile_is_a_winnow_error(tmp_path):
    with pytest.raises(winnow.WinnowError, match="missing"):
        winnow.clean("text", profile=tmp_path / "missing.profile")


def test_settle_gives_text_that_cleaning_again_leaves_alone():
    page = (ROOT / "eval" / "pages" / "en-riverpost" / "03.txt").read_text(encoding="utf-8")
    doc = "\n".join(f"{n} {line}" for n in range(1, 21) for line in page.split("\n"))
    with winnow.Cleaner(settle=True) as settling, winnow.Cleaner() as plain:
        settled = settling.clean(doc)
        assert settling.clean(settled) == settled
        assert plain.clean(settled) == settled
        # One round leaves lines a second round removes: what settle is for.
        once = plain.clean(doc)
        assert plain.clean(once) != once


def test_only_str_is_cleaned():
    with pytest.raises(TypeError):
        winnow.clean(b"bytes")


def test_an_oversized_document_passes_through_with_a_warning():
    # The limit counts the JSON record the API sends (the text and about 20 bytes more).
    with winnow.Cleaner(max_doc_bytes=100) as cleaner:
        with pytest.warns(winnow.WinnowWarning, match="larger than --max-doc-bytes"):
            result = cleaner.process("×\n" + "x" * 100)
        assert result.text == "×\n" + "x" * 100 and result.warning
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert cleaner.clean("×\nshort") == "short"


def test_explain_gives_structured_events():
    events = winnow.explain("×\nA sentence that is the whole article.")
    assert [e["type"] for e in events] == ["begin", "line", "line", "end"]
    assert events[1]["fate"] == "drop" and events[1]["rule"]["id"] == "common.symbols-only"
    assert events[2]["fate"] == "keep" and events[2]["text"] == "A sentence that is the whole article."
    with winnow.Cleaner(lang="en") as cleaner:
        assert cleaner.explain("×\nHello")[0]["lang"] == "en"


def test_explain_with_bad_rules_raises(tmp_path):
    with pytest.raises(winnow.WinnowError, match="no such rule file"):
        winnow.explain("text", rules=tmp_path / "missing.rules")


def test_the_binary_ships_inside_the_package_and_needs_no_swift_library():
    path = winnow.binary_path()
    if os.environ.get("WINNOW_BINARY"):
        pytest.skip("WINNOW_BINARY is set: not testing the installed wheel's binary")
    assert os.path.dirname(path) == os.path.join(os.path.dirname(winnow.__file__), "bin")
    libraries = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
    assert "libswift" not in libraries and "libc.so" in libraries


def test_winnow_is_on_path_in_the_environment():
    if os.environ.get("WINNOW_BINARY"):
        pytest.skip("WINNOW_BINARY is set: not testing an installed wheel")
    scripts = os.path.dirname(sys.executable)
    found = shutil.which("winnow", path=scripts)
    assert found, f"no winnow in {scripts}"
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith(f"winnow {winnow.__version__}")
    module = subprocess.run([sys.executable, "-m", "winnow", "--version"], capture_output=True, text=True, check=True)
    assert module.stdout == version


def test_clean_from_many_threads_with_more_rule_choices_than_the_cache_keeps(tmp_path, seeds):
    # More choices than the shared cache keeps (4): a Cleaner it lets go of while another
    # thread is using it used to be closed under that call (EBADF, "closed", or a hang).
    import threading
    # Long enough that a call is often under way when another thread's call evicts its Cleaner.
    filler = "".join(f"Paragraph {k} of the story, a sentence long enough to be prose in the article.\n" for k in range(3000))
    text = "Hello there, this is a sentence of the article.\nQuokka line\n" + filler
    files = []
    for k in range(7):
        f = tmp_path / f"r{k}.rules"
        f.write_text(f"drop quokka{k} ^Quokka\\s+line$\n", encoding="utf-8")
        files.append(f)
    choices = [None] + files
    failures = []

    def work(k):
        try:
            for n in range(12):
                rules = choices[(k + n) % len(choices)]
                got = winnow.clean(text, rules=rules)
                assert ("Quokka line" in got) == (rules is None), rules
                assert got.endswith("Paragraph 2999 of the story, a sentence long enough to be prose in the article.\n")
        except BaseException as e:  # noqa: BLE001 - reported below
            failures.append(repr(e))

    threads = [threading.Thread(target=work, args=(k,), daemon=True) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not [t for t in threads if t.is_alive()], "a thread is stuck"
    assert failures == []
    assert len(winnow._users) == 0  # every call let go of its Cleaner


def test_explain_uses_the_cleaners_extra_args(seeds):
    seed = next(s for s in seeds if s[0].name.startswith("000_"))
    args = ["--no-detector", "repeats", "--no-detector", "model"]
    with winnow.Cleaner(extra_args=args) as cleaner:
        kept = non_blank(cleaner.clean(seed[1]))
        events = cleaner.explain(seed[1])
    def kept_count(events):
        return sum(1 for e in events if e.get("type") == "line" and e.get("fate") == "keep")
    assert kept_count(events) == len(kept)
    # The default options explain it otherwise (a repeat removed), so the args made the difference.
    assert kept_count(winnow.explain(seed[1])) != len(kept)
