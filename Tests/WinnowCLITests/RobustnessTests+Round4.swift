import Foundation
import Testing

/// What a new user's trial found (2026-12-05): rows 36 and up of docs/robustness.md.
extension RobustnessTests {
    // MARK: --meta on a record that has a "winnow" member

    /// Cleaning `--jsonl --meta` output again (or a record with its own "winnow"
    /// field) replaces the member's value: one member, never two with the same key.
    @Test func metaReplacesAWinnowMemberTheRecordHasAlready() throws {
        let record = Array(#"{"id":7,"text":"Title of the story\n×\nThe body of the story is one long sentence that stays."}"#.utf8) + [0x0A]
        let once = try winnow(["--jsonl", "--meta"], stdin: record)
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.out.components(separatedBy: #""winnow":"#).count == 2)
        #expect(once.out.contains(#""lines_removed":1"#))
        let twice = try winnow(["--jsonl", "--meta"], stdin: once.stdout)
        #expect(twice.status == 0, "\(twice.stderr)")
        // One member, in the same place, now saying what this run removed (nothing).
        #expect(twice.out.components(separatedBy: #""winnow":"#).count == 2)
        #expect(twice.out.hasPrefix(#"{"id":7,"text":"Title of the story\nThe body of the story is one long sentence that stays.","winnow":{"#))
        #expect(twice.out.contains(#""lines_removed":0"#))
        // A field of the record's own, of any type, is replaced the same way.
        let own = try winnow(["--jsonl", "--meta"], stdin: Array(#"{"winnow":[1,{"a":2}],"text":"x y z"}"#.utf8))
        #expect(own.out.hasPrefix(#"{"winnow":{"lang":"#) && own.out.hasSuffix(#","text":"x y z"}"# + "\n"), "\(own.out)")
        // The field --meta writes cannot be the one cleaned.
        let clash = try winnow(["--jsonl", "--meta", "--text-key", "winnow"], stdin: Array(#"{"winnow":"a"}"#.utf8))
        #expect(clash.status != 0)
        #expect(clash.stderr.contains(#"--meta writes a "winnow" field"#))
    }

    // MARK: --strict says the record was not written

    @Test func strictSaysABadRecordStopsTheRunInsteadOfPassingThrough() throws {
        let input = Array("{\"text\":\"a b c\"}\n{\"id\":2}\n{\"text\":\"d e f\"}\n".utf8)
        let strict = try winnow(["--jsonl", "--strict"], stdin: input)
        #expect(strict.status == 2)
        #expect(strict.out == "{\"text\":\"a b c\"}\n")
        #expect(strict.stderr.contains(#"record 2: no "text" field; not written: --strict stops the run here"#), "\(strict.stderr)")
        #expect(!strict.stderr.contains("passed through"))
        // Without --strict the record goes through, and the message says so.
        let lenient = try winnow(["--jsonl"], stdin: input)
        #expect(lenient.out == "{\"text\":\"a b c\"}\n{\"id\":2}\n{\"text\":\"d e f\"}\n")
        #expect(lenient.stderr.contains(#"record 2: no "text" field; passed through unchanged"#))
    }

    // MARK: --in-place backups are not inputs of the next run

    /// A backup suffix the glob matches (`--in-place=.orig.txt`) made the next run
    /// clean the backups as inputs (losing the original text they keep) and back
    /// them up again (`a.txt.orig.txt.orig.txt`).
    @Test func aSecondInPlaceRunLeavesTheFirstRunsBackupsAlone() throws {
        let dir = try temporaryFolder()
        try write(page, to: dir + "/a.txt")
        try write(page, to: dir + "/b.txt")
        // A file that only ends like a backup (no b.notes.txt beside it) is an input.
        try write(page, to: dir + "/c.orig.txt")
        let first = try winnow(["batch", dir, "--in-place=.orig.txt", "--no-progress"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("3 cleaned"), "\(first.stderr)")
        let second = try winnow(["batch", dir, "--in-place=.orig.txt", "--no-progress"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("3 backups of an earlier run (NAME.orig.txt beside NAME) left alone"), "\(second.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == ["a.txt", "a.txt.orig.txt", "b.txt", "b.txt.orig.txt", "c.orig.txt", "c.orig.txt.orig.txt"])
        for name in ["a.txt", "b.txt", "c.orig.txt"] {
            #expect(try String(contentsOfFile: dir + "/" + name, encoding: .utf8) == cleanedPage)
            #expect(try String(contentsOfFile: dir + "/" + name + ".orig.txt", encoding: .utf8) == page)
        }
    }

    // MARK: A batch that matches no file says so

    @Test func aBatchThatMatchesNoFileSaysSo() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write(page, to: dir + "/in/a.text")
        let run = try winnow(["batch", dir + "/in", "-o", dir + "/out", "--no-progress"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("winnow: warning: \(dir)/in: no file matches *.txt"), "\(run.stderr)")
        let matched = try winnow(["batch", dir + "/in", "-o", dir + "/out", "--glob", "*.text", "--no-progress"])
        #expect(!matched.stderr.contains("no file matches"), "\(matched.stderr)")
        #expect(try String(contentsOfFile: dir + "/out/a.text", encoding: .utf8) == cleanedPage)
    }

    // MARK: Latin-1 through the filter

    @Test func latin1TextIsReadAsItIsWithAWarning() throws {
        let latin1: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" au lait, cr".utf8) + [0xE8] + Array("me br".utf8) + [0xFB, 0x6C, 0xE9]
            + Array("e: the story of a long afternoon in town.\n".utf8)
        let run = try winnow([], stdin: latin1)
        #expect(run.status == 0)
        #expect(run.stdout == latin1)
        #expect(run.stderr == "winnow: warning: (standard input): not valid UTF-8 (4 invalid bytes: another encoding, such as Latin-1?): "
                + "read as it is; --input-encoding NAME converts it\n")
        let converted = try winnow(["--input-encoding", "latin1"], stdin: latin1)
        #expect(converted.out == "Café au lait, crème brûlée: the story of a long afternoon in town.\n", "\(converted.stderr)")
        // A stray byte in a page of UTF-8 is not worth a word.
        let stray = try winnow([], stdin: Array(String(repeating: "A sentence of plain UTF-8 text that goes on. ", count: 4).utf8) + [0xFF, 0x0A])
        #expect(stray.stderr.isEmpty, "\(stray.stderr)")
    }

    // MARK: A subcommand's --help into a full device

    @Test func helpThatCannotBeWrittenIsAnError() throws {
        for arguments in [["batch", "--help"], ["explain", "-h"], ["--help"], ["--version"]] {
            let full = try runWithStdout(arguments, stdoutPath: "/dev/full")
            #expect(full.status == 2, "\(arguments)")
            #expect(full.stderr == "winnow: (standard output): No space left on device\n", "\(arguments)")
        }
        let help = try winnow(["batch", "--help"])
        #expect(help.status == 0 && help.out.hasPrefix("OVERVIEW: Clean every text file under a folder"))
    }

    // MARK: --settle

    /// An eval page pasted 20 times, its copies' lines numbered apart: cleaning the
    /// output again removes more (`SettleTests.numberedCopies`); `--settle` cleans until it does not.
    @Test func settleGivesAnOutputThatCleaningAgainLeavesAlone() throws {
        let page = try String(contentsOfFile: packageRoot + "/eval/pages/en-riverpost/03.txt", encoding: .utf8)
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        let doc = Array((1...20).map { n in lines.map { "\(n) " + $0 }.joined(separator: "\n") }.joined(separator: "\n").utf8)
        let once = try winnow([], stdin: doc)
        #expect(try winnow([], stdin: once.stdout).stdout != once.stdout, "the page does not show what --settle is for")
        let settled = try winnow(["--settle"], stdin: doc)
        #expect(settled.status == 0)
        #expect(try winnow(["--settle"], stdin: settled.stdout).stdout == settled.stdout)
        #expect(try winnow([], stdin: settled.stdout).stdout == settled.stdout)
        // The same in a stream and with two workers.
        let stream = try winnow(["-z", "-j", "2", "--settle"], stdin: doc + [0] + doc + [0])
        // (A `-z` document keeps its shape: this one has no final line end, a file's output always has one.)
        let document = Array(settled.stdout.dropLast()) + [0]
        #expect(stream.stdout == document + document)
        // Training features are the first round's: --settle is refused there.
        let features = try winnow(["features", "--settle"], stdin: doc)
        #expect(features.status == 2 && features.stderr.contains("--settle does not go with features"), "\(features.stderr)")
    }
}
