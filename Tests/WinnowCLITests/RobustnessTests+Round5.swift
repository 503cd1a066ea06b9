import Foundation
import Testing

/// What a second new user's trial found (2026-12-06): rows 44 and up of docs/robustness.md.
extension RobustnessTests {
    // MARK: batch -o above the input folder

    /// `batch in/sub -o in`: the output of `sub/x.txt` is `in/sub/x.txt`, an input.
    /// It was overwritten with exit 0; now the run is refused before it writes.
    @Test func anOutputFolderAboveTheInputThatWouldWriteIntoItIsRefused() throws {
        let dir = try temporaryFolder()
        let input = dir + "/anc/in/sub"
        try FileManager.default.createDirectory(atPath: input + "/sub", withIntermediateDirectories: true)
        try write(page, to: input + "/x.txt")
        try write(page + "\nOne more line of the second page, which differs from the first.\n", to: input + "/sub/x.txt")
        let before = try snapshot(dir + "/anc")
        let run = try winnow(["batch", input, "-o", dir + "/anc/in", "-j", "1"])
        #expect(run.status == 2)
        #expect(run.stderr == "winnow: -o \(dir)/anc/in: the input folder is inside the output folder, and 1 output would be written inside the input folder (\(dir)/anc/in/sub/x.txt, replacing an input or read as one by the next run); choose another output folder\n", "\(run.stderr)")
        #expect(try snapshot(dir + "/anc") == before)
        // Above the input with no output landing in it: allowed (pages/raw -o pages).
        let raw = dir + "/p/raw"
        try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        try write(page, to: raw + "/a.txt")
        #expect(try winnow(["batch", raw, "-o", dir + "/p"]).status == 0)
        #expect(try snapshot(dir + "/p") == ["a.txt": Data(cleanedPage.utf8), "raw/a.txt": Data(page.utf8)])
    }

    // MARK: --model that cannot be read

    /// A missing model file, a folder or a binary file: the system's words, as for
    /// any file winnow opens (it printed Foundation's NSCocoaErrorDomain dump).
    @Test func aModelFileThatCannotBeReadSaysWhyInPlainWords() throws {
        let dir = try temporaryFolder()
        try write(page, to: dir + "/page.txt")
        for (model, why) in [(dir + "/missing.model", "No such file or directory"), (dir, "Is a directory"),
                             ("/bin/sh", "not UTF-8 text: not a line model")] {
            let run = try winnow(["--model", model, dir + "/page.txt"])
            #expect(run.status == 2, "\(model)")
            #expect(run.stderr == "winnow: \(model): \(why)\n", "\(model): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    // MARK: batch --report: every file in path order

    /// A file the plan could not take (a dangling link) stands in the report where its
    /// path sorts, named by its path under the input folder like every other line (it
    /// came last, with the input folder in front).
    @Test func planFailuresStandInTheReportInPathOrder() throws {
        let dir = try temporaryFolder()
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for name in ["a.txt", "c.txt"] { try write(page, to: input + "/" + name) }
        try FileManager.default.createSymbolicLink(atPath: input + "/b.txt", withDestinationPath: "nowhere")
        let run = try winnow(["batch", input, "-o", dir + "/out", "--report", dir + "/report.jsonl"])
        #expect(run.status == 2)
        let lines = try String(contentsOfFile: dir + "/report.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.map { $0.components(separatedBy: "\"").dropFirst(3).first ?? "" } == ["a.txt", "b.txt", "c.txt"], "\(lines)")
        #expect(lines[1] == #"{"path":"b.txt","status":"failed","error":"dangling symlink"}"#)
    }
}
