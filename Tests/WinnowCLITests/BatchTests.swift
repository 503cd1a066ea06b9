import Foundation
import Testing

/// `winnow batch`: folders in parallel, atomic outputs, failures, reruns.
@Suite struct BatchTests {
    /// A folder of pages made from the seeds and the eval set, in subfolders.
    func corpus(copies: Int = 1) throws -> String {
        let dir = try temporaryFolder() + "/in"
        let fm = FileManager.default
        var sources: [String] = []
        for name in try fm.contentsOfDirectory(atPath: packageRoot + "/seeds") where name.hasSuffix(".txt") {
            sources.append(packageRoot + "/seeds/" + name)
        }
        let eval = packageRoot + "/eval/pages"
        for site in (try? fm.contentsOfDirectory(atPath: eval)) ?? [] {
            for name in try fm.contentsOfDirectory(atPath: eval + "/" + site) { sources.append(eval + "/" + site + "/" + name) }
        }
        for copy in 0..<copies {
            for (i, source) in sources.sorted().enumerated() {
                let sub = dir + "/part\(copy)/\(i % 3)"
                try fm.createDirectory(atPath: sub, withIntermediateDirectories: true)
                try fm.copyItem(atPath: source, toPath: sub + "/doc\(i).txt")
            }
        }
        return dir
    }

    func files(under root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for case let rel as String in FileManager.default.enumerator(atPath: root)! {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir)
            if !isDir.boolValue { out[rel] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + rel)) }
        }
        return out
    }

    @Test func outputsMirrorTheInputAndMatchTheFilter() throws {
        let input = try corpus()
        let output = input + "/../out"
        let run = try winnow(["batch", input, "-o", output, "--no-cross-doc"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(" cleaned, 0 skipped, 0 failed"))
        let inputs = try files(under: input), outputs = try files(under: output)
        #expect(Set(inputs.keys) == Set(outputs.keys))
        for (rel, data) in inputs.prefix(8) {
            let alone = try winnow([], stdin: [UInt8](data))
            #expect(alone.stdout == [UInt8](outputs[rel]!), "\(rel)")
        }
    }

    @Test func oneWorkerAndFourWorkersGiveIdenticalOutputsAndReports() throws {
        let input = try corpus()
        let one = try winnow(["batch", input, "-o", input + "/../j1", "-j1", "--report", input + "/../j1.jsonl"])
        let four = try winnow(["batch", input, "-o", input + "/../j4", "-j", "4", "--report", input + "/../j4.jsonl"])
        #expect(one.status == 0 && four.status == 0)
        #expect(try files(under: input + "/../j1") == files(under: input + "/../j4"))
        let r1 = try String(contentsOfFile: input + "/../j1.jsonl", encoding: .utf8)
        let r4 = try String(contentsOfFile: input + "/../j4.jsonl", encoding: .utf8)
        #expect(r1 == r4)
        let first = try JSONSerialization.jsonObject(with: Data(r1.split(separator: "\n")[0].utf8)) as? [String: Any]
        #expect(first?["status"] as? String == "cleaned")
        #expect((first?["bytes_in"] as? Int ?? 0) > 0)
        #expect(first?["removed_by"] is [String: Int])
    }

    @Test func failuresAreReportedAndTheRunGoesOn() throws {
        let input = try corpus()
        try Data([0x41, 0x00, 0x42]).write(to: URL(fileURLWithPath: input + "/binary.txt"))
        try Data((0..<3000).map { UInt8(0x80 + $0 % 64) }).write(to: URL(fileURLWithPath: input + "/latin.txt"))
        try Data(repeating: 0x61, count: 30000).write(to: URL(fileURLWithPath: input + "/big.txt"))
        symlink("loop.txt", input + "/loop.txt")
        try write("not an input\n", to: input + "/notes.md")
        try write("hidden\n", to: input + "/.hidden.txt")
        let run = try winnow(["batch", input, "-o", input + "/../out", "--max-doc-bytes", "20000"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("binary.txt: binary file (NUL bytes)"))
        #expect(run.stderr.contains("latin.txt: not UTF-8 text"))
        #expect(run.stderr.contains("big.txt: larger than --max-doc-bytes (20000 bytes)"))
        #expect(run.stderr.contains("loop.txt: symlink loop"))
        #expect(run.stderr.contains("4 failed"), "\(run.stderr)")
        let out = try files(under: input + "/../out")
        #expect(out["binary.txt"] == nil && out["big.txt"] == nil && out["notes.md"] == nil && out[".hidden.txt"] == nil)
        #expect(out.keys.contains { $0.hasPrefix("part0/") })
        let withHidden = try winnow(["batch", input, "-o", input + "/../out2", "--hidden", "--glob", "*.md"])
        #expect(try files(under: input + "/../out2").keys.sorted() == ["notes.md"])
        #expect(withHidden.status == 0)
    }

    @Test func inPlaceRewritesFilesAndKeepsBackups() throws {
        let input = try corpus()
        let before = try files(under: input)
        let run = try winnow(["batch", input, "--in-place=.orig", "--no-cross-doc"])
        #expect(run.status == 0)
        let after = try files(under: input)
        for (rel, data) in before {
            #expect(after[rel + ".orig"] == data, "\(rel)")
            #expect(after[rel] == Data(try winnow([], stdin: [UInt8](data)).stdout))
        }
    }

    @Test func inPlaceLeavesOriginalsUntouchedWhenAFileFails() throws {
        let input = try corpus()
        try Data([0x41, 0x00, 0x42, 0x0A]).write(to: URL(fileURLWithPath: input + "/binary.txt"))
        try Data(repeating: 0x61, count: 30000).write(to: URL(fileURLWithPath: input + "/big.txt"))
        let run = try winnow(["batch", input, "--in-place", "--max-doc-bytes", "20000"])
        #expect(run.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input + "/binary.txt")) == Data([0x41, 0x00, 0x42, 0x0A]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input + "/big.txt")) == Data(repeating: 0x61, count: 30000))
        #expect(try files(under: input).keys.allSatisfy { !$0.contains("winnow-tmp") })
    }

    @Test func aKilledRunLeavesNoPartialOutputAndARerunCompletesIt() throws {
        let input = try corpus(copies: 8)
        let full = input + "/../full", killed = input + "/../killed"
        #expect(try winnow(["batch", input, "-o", full, "-j1"]).status == 0)
        let expected = try files(under: full)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: winnowPath)
        process.arguments = ["batch", input, "-o", killed, "-j2"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once some outputs exist.
        for _ in 0..<400 {
            if ((try? files(under: killed))?.count ?? 0) > 20 { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let partial = try files(under: killed)
        #expect(partial.count < expected.count, "the run finished before it was killed")
        for (rel, data) in partial where !rel.contains(".winnow-tmp-") {
            #expect(expected[rel] == data, "\(rel) is not complete")
        }
        let rerun = try winnow(["batch", input, "-o", killed, "--skip-existing"])
        #expect(rerun.status == 0)
        #expect(try files(under: killed) == expected)
    }

    @Test func interruptFinishesFilesInHandAndExits130() throws {
        let input = try corpus(copies: 8)
        let out = input + "/../out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: winnowPath)
        process.arguments = ["batch", input, "-o", out, "-j1"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<400 {
            if ((try? files(under: out))?.count ?? 0) > 5 { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try files(under: out).keys.allSatisfy { !$0.contains(".winnow-tmp-") })
    }

    @Test func usageErrors() throws {
        let input = try corpus()
        #expect(try winnow(["batch", input]).status == 2)
        #expect(try winnow(["batch", input, "-o", input + "/x", "--in-place"]).status == 2)
        #expect(try winnow(["batch", "/nonexistent", "-o", input + "/x"]).status == 2)
    }

    @Test func progressOnlyWhenAsked() throws {
        let input = try corpus()
        let quiet = try winnow(["batch", input, "-o", input + "/../a"])
        #expect(!quiet.stderr.contains("ETA"))
        let loud = try winnow(["batch", input, "-o", input + "/../b", "--progress"])
        #expect(loud.stdout.isEmpty)
        #expect(loud.status == 0)
    }

    @Test func crossDocumentLinesGoButAStorysHeadlineStaysInItsOwnArticle() throws {
        let dir = try temporaryFolder() + "/site"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let bodies = [
            ("Ferry service resumes after the storm", "The ferry between the two islands sailed again on Monday after three days of storms kept it in port."),
            ("Bakery wins the county bread prize", "A family bakery on Ashby Lane took the county prize for its rye loaf, beating forty other entries."),
            ("Library extends its opening hours", "The central library will open until nine on weekdays from next month, the council said on Friday."),
            ("New crossing opens near the school", "A signal crossing outside the primary school opened this week after years of requests from parents."),
        ]
        for (i, (headline, body)) in bodies.enumerated() {
            // Every page carries the site's name and, in its sidebar, the first story's headline.
            let page = "The Valley Herald\n\n\(headline)\n\n\(body)\n\nMost popular\n\(bodies[0].0)\n"
            try write(page, to: dir + "/\(i).txt")
        }
        let run = try winnow(["batch", dir, "-o", dir + "/../out", "--report", dir + "/../report.jsonl"])
        #expect(run.status == 0)
        let first = try String(contentsOfFile: dir + "/../out/0.txt", encoding: .utf8)
        let second = try String(contentsOfFile: dir + "/../out/1.txt", encoding: .utf8)
        #expect(!first.contains("The Valley Herald") && !second.contains("The Valley Herald"))
        // The first story keeps its headline; the other pages lose it from their sidebar.
        #expect(first.hasPrefix(bodies[0].0 + "\n"))
        #expect(!second.contains(bodies[0].0))
        let report = try String(contentsOfFile: dir + "/../report.jsonl", encoding: .utf8)
        #expect(report.contains("\"cross-document\":"))
        let off = try winnow(["batch", dir, "-o", dir + "/../off", "--no-cross-doc"])
        #expect(off.status == 0)
        #expect(try String(contentsOfFile: dir + "/../off/1.txt", encoding: .utf8).contains("The Valley Herald"))
    }
}
