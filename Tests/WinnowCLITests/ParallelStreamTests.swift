import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `-j N` in every input mode of the filter: the output, the messages and the exit
/// status are those of `-j 1`, documents come out in input order, and a reader
/// waiting on each answer (`--line-buffered`) gets it without sending more.
@Suite struct ParallelStreamTests {
    let helpers = RobustnessTests()

    /// The seeds, the eval pages, and inputs that go wrong: Windows-1256, UTF-16 (files
    /// only: its NUL bytes would split a `-z` stream), binary, empty, no final line end,
    /// one over the size cap of the runs below. Text that JSON can carry ends in `.txt`.
    func documents() throws -> [(name: String, bytes: [UInt8])] {
        var docs: [(String, [UInt8])] = []
        let root = packageRoot
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/seeds").filter { $0.hasSuffix(".txt") }.sorted()
            .map { root + "/seeds/" + $0 }
        let pages = try FileManager.default.subpathsOfDirectory(atPath: root + "/eval/pages").filter { $0.hasSuffix(".txt") }.sorted()
            .map { root + "/eval/pages/" + $0 }
        for path in files + pages { docs.append(((path as NSString).lastPathComponent, try helpers.bytes(path))) }
        let arabic = try helpers.bytes(root + "/eval/pages/ar-alsaha/01.txt")
        docs.insert(("arabic.cp1256", try helpers.iconv(arabic, to: "WINDOWS-1256")), at: 3)
        let english = String(decoding: docs[0].1, as: UTF8.self)
        docs.insert(("english.utf16", [0xFF, 0xFE] + Array(english.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), at: 7)
        docs.insert(("binary.bin", [UInt8](repeating: 0x01, count: 300) + [0xC3] + Array("text\n".utf8)), at: 11)
        docs.insert(("empty.txt", []), at: 13)
        docs.insert(("no-final-newline.txt", Array("Headline\nA line of text that ends without a newline.".utf8)), at: 17)
        docs.insert(("big.txt", Array(String(repeating: "A long page that goes over the cap of this run.\n", count: 3000).utf8)), at: 19)
        return docs
    }

    /// The runs that must agree for -j 1, 2 and 4: (name, arguments, standard input).
    func runs(in dir: String) throws -> [(String, [String], [UInt8])] {
        let docs = try documents()
        var paths: [String] = []
        for (k, doc) in docs.enumerated() {
            let path = dir + "/\(String(format: "%03d", k))-\(doc.name)"
            try helpers.writeBytes(doc.bytes, to: path)
            paths.append(path)
        }
        let missing = dir + "/missing.txt"
        let files = Array(paths[..<12]) + [missing] + Array(paths[12...])
        let nul: [UInt8] = docs.filter { !$0.name.hasSuffix(".utf16") }.flatMap { doc -> [UInt8] in doc.bytes + [0] }
        var jsonl: [UInt8] = Array("\u{FEFF}".utf8)
        for (k, doc) in docs.enumerated() where doc.name.hasSuffix(".txt") {
            let record = try JSONSerialization.data(withJSONObject: ["id": k, "text": String(decoding: doc.bytes, as: UTF8.self)], options: [.sortedKeys])
            jsonl += [UInt8](record) + [0x0A]
            if k == 5 { jsonl += Array("not json\n\n{\"id\":2}\n{\"text\":\"a\",\"text\":\"b\\nb\"}\n".utf8) }
        }
        try helpers.writeBytes(jsonl, to: dir + "/records.jsonl")
        try helpers.writeBytes(nul, to: dir + "/docs.nul")
        let cap = ["--max-doc-bytes", "100000"]
        return [
            ("files", files + cap, []),
            ("files --explain", ["--explain"] + cap + files, []),
            ("files --explain --json", ["--explain", "--json"] + cap + files, []),
            ("files --check", ["--check"] + cap + files, []),
            ("stdin", cap, docs[0].bytes),
            ("-z", ["-z"] + cap, nul),
            ("-z --cross-doc", ["-z", "--cross-doc"] + cap, nul),
            ("-z over files", ["-z"] + cap + [dir + "/docs.nul", missing, dir + "/docs.nul"], []),
            ("-z --input-encoding utf-8", ["-z", "--input-encoding", "utf-8"] + cap, nul),
            ("--jsonl", ["--jsonl"] + cap, jsonl),
            ("--jsonl --meta --cross-doc", ["--jsonl", "--meta", "--cross-doc"] + cap, jsonl),
            ("--jsonl --strict", ["--jsonl", "--strict"] + cap, jsonl),
            ("--jsonl over files", ["--jsonl", "--cross-doc", "--text-key", "text"] + cap + [dir + "/records.jsonl", dir + "/records.jsonl"], []),
        ]
    }

    @Test func everyModeGivesTheSameOutputMessagesAndStatusForAnyJobs() throws {
        let dir = try temporaryFolder()
        for (name, arguments, stdin) in try runs(in: dir) {
            let one = try expectTheSameForAnyJobs(name, arguments, stdin: stdin)
            #expect(!one.stdout.isEmpty || name.contains("--check"), "\(name)")
        }
    }

    /// Runs winnow with `-j 1`, then `-j 2` and `-j 4`, and expects the same output,
    /// messages and status from each; returns the `-j 1` run.
    @discardableResult
    func expectTheSameForAnyJobs(_ name: String, _ arguments: [String], stdin: [UInt8]) throws -> Run {
        let one = try winnow(["-j", "1"] + arguments, stdin: stdin)
        for jobs in ["2", "4"] {
            let many = try winnow(["-j", jobs] + arguments, stdin: stdin)
            #expect(many.stdout == one.stdout, "\(name) -j \(jobs): output")
            #expect(many.stderr == one.stderr, "\(name) -j \(jobs): messages")
            #expect(many.status == one.status, "\(name) -j \(jobs): status")
        }
        return one
    }

    @Test func theBadInputsAreReportedOncePerDocumentInInputOrder() throws {
        let dir = try temporaryFolder()
        let (_, arguments, stdin) = try runs(in: dir).first { $0.0 == "-z" }!
        let run = try winnow(["-j", "4"] + arguments, stdin: stdin)
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let expected = [
            "winnow: (standard input): record 4: WINDOWS-1256 text (detected), converted to UTF-8",
            "winnow: (standard input): record 11: binary file (control bytes): passed through unchanged",
            "winnow: warning: (standard input): record 19: larger than --max-doc-bytes (100000 bytes): passed through unchanged",
        ]
        #expect(lines == expected)
    }

    @Test func documentsComeOutInInputOrder() throws {
        // Pages of very different sizes, so the workers finish them out of order.
        let body = "The council met on Tuesday and agreed a new budget for the town's libraries and parks.\n"
        let docs = (0..<60).map { k in "Story number \(k) of the day\n" + String(repeating: body, count: k % 7 == 0 ? 400 : 1) }
        let run = try winnow(["-z", "-j", "4"], stdin: Array(docs.map { $0 + "\u{0}" }.joined().utf8))
        let records = run.out.split(separator: "\u{0}", omittingEmptySubsequences: false).dropLast()
        #expect(records.count == 60)
        for (k, record) in records.enumerated() { #expect(record.hasPrefix("Story number \(k) of the day\n"), "record \(k)") }
    }

    /// Sends one record at a time on a pipe and waits for its answer before the next.
    @Test func lineBufferedAnswersEachRecordWithoutWaitingForMore() throws {
        let modes: [(args: [String], record: (Int) -> String, answer: (Int) -> String)] = [
            (["--jsonl"], { "{\"n\":\($0),\"text\":\"Headline \($0)\\n×\"}\n" }, { "{\"n\":\($0),\"text\":\"Headline \($0)\"}\n" }),
            (["-z"], { "Headline \($0)\n×\n\u{0}" }, { "Headline \($0)\n\u{0}" }),
            (["-z", "--cross-doc"], { "Headline \($0)\n×\n\u{0}" }, { "Headline \($0)\n\u{0}" }),
        ]
        for mode in modes {
            for jobs in ["2", "4"] {
                let (process, input, output) = try startLineBuffered(mode.args + ["-j", jobs])
                var answers: [String] = []
                for n in 0..<5 {
                    input.fileHandleForWriting.write(Data(mode.record(n).utf8))
                    let expected = mode.answer(n)
                    let got = helpers.read(output.fileHandleForReading, count: expected.utf8.count, timeout: 20)
                    answers.append(String(decoding: got, as: UTF8.self))
                }
                try input.fileHandleForWriting.close()
                process.waitUntilExit()
                #expect(answers == (0..<5).map(mode.answer), "\(mode.args) -j \(jobs)")
                #expect(process.terminationStatus == 0)
            }
        }
    }

    /// A burst of records in one write: the workers take them in batches, and the last
    /// batch is still filling when the input stops. An idle worker takes it as it is,
    /// so every record is answered without more input.
    @Test func lineBufferedAnswersABurstWithoutWaitingForMore() throws {
        for jobs in ["2", "4"] {
            let (process, input, output) = try startLineBuffered(["-z", "-j", jobs])
            input.fileHandleForWriting.write(Data((0..<50).map { "Headline \($0)\n×\n\u{0}" }.joined().utf8))
            let expected = (0..<50).map { "Headline \($0)\n\u{0}" }.joined()
            let got = helpers.read(output.fileHandleForReading, count: expected.utf8.count, timeout: 20)
            #expect(String(decoding: got, as: UTF8.self) == expected, "-j \(jobs)")
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }

    /// Starts `winnow --line-buffered ARGUMENTS` on pipes: (process, its input, its output).
    func startLineBuffered(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: winnowPath)
        process.arguments = ["--line-buffered"] + arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, input, output)
    }

    /// Property: random pages, any -j, any input mode (files, -z, --jsonl) give each
    /// page the same cleaned text.
    @Test func anyJobsAndAnyInputModeGiveTheSameCleanedText() throws {
        let lines = try documents().filter { $0.name.hasSuffix(".txt") }
            .flatMap { String(decoding: $0.bytes, as: UTF8.self).split(separator: "\n").map(String.init) }
        var random = XorShift(state: 18)
        for round in 0..<4 {
            let dir = try temporaryFolder()
            let pages = (0..<(8 + round * 6)).map { _ in
                (0..<Int.random(in: 1...40, using: &random)).map { _ in lines.randomElement(using: &random)! }.joined(separator: "\n") + "\n"
            }
            let reference = try winnow(["-z", "-j", "1"], stdin: Array(pages.map { $0 + "\u{0}" }.joined().utf8))
            let expected = reference.out.split(separator: "\u{0}", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(expected.count == pages.count)
            let jobs = String(Int.random(in: 1...4, using: &random))
            // Files: one document each, written one after the other.
            var paths: [String] = []
            for (k, page) in pages.enumerated() {
                paths.append(dir + "/\(k).txt")
                try write(page, to: paths[k])
            }
            #expect(try winnow(["-j", jobs] + paths).out == expected.joined(), "files -j \(jobs)")
            #expect(try winnow(["-z", "-j", jobs], stdin: Array(pages.map { $0 + "\u{0}" }.joined().utf8)).stdout == reference.stdout, "-z -j \(jobs)")
            let records = try pages.map { String(decoding: try JSONSerialization.data(withJSONObject: ["text": $0]), as: UTF8.self) + "\n" }
            let jsonl = try winnow(["--jsonl", "-j", jobs], stdin: Array(records.joined().utf8))
            let texts = try jsonl.stdout.split(separator: 0x0A).map { (try JSONSerialization.jsonObject(with: Data($0)) as? [String: String])?["text"] }
            #expect(texts == expected, "--jsonl -j \(jobs)")
        }
    }

    /// Sites in a parallel stream: `--jsonl --cross-doc --profile DIR` over records
    /// from several sites (the `url` field's host picks each record's profile and the
    /// counts it is learned under and cleaned from), interleaved, with a record of no
    /// site and one of a site without a profile: -j 2 and -j 4 give -j 1's output,
    /// messages and status. The profile and the per-site counts both take effect.
    @Test func sitesAndProfilesInAJSONLCrossDocStreamGiveTheSameOutputForAnyJobs() throws {
        let root = try temporaryFolder()
        let fm = FileManager.default
        let pages = packageRoot + "/eval/sites/pages"
        let withProfiles = ["en-northgate", "fa-salamat", "ar-sahatech"]
        for site in withProfiles {
            let train = root + "/train/" + site
            try fm.createDirectory(atPath: train, withIntermediateDirectories: true)
            for n in 1...3 { try fm.copyItem(atPath: pages + "/\(site)/0\(n).txt", toPath: train + "/0\(n).txt") }
            let learn = try winnow(["learn", train, "--site", site + ".example", "--save-profile", root + "/profiles"])
            #expect(learn.status == 0, "\(learn.stderr)")
        }
        // Page n of every site in turn: each site's pages spread over the stream.
        let sites = withProfiles + ["ar-wadinews"]
        var records = ""
        for n in 1...6 {
            for (k, site) in sites.enumerated() {
                let text = try String(contentsOfFile: pages + "/\(site)/0\(n).txt", encoding: .utf8)
                let url = k % 2 == 0 ? "https://www.\(site).example/news/\(n)" : "http://\(site.uppercased()).example:8080/\(n)?p=1"
                let data = try JSONSerialization.data(withJSONObject: ["id": "\(site)-\(n)", "url": url, "text": text], options: [.sortedKeys])
                records += String(decoding: data, as: UTF8.self) + "\n"
            }
            if n == 3 {
                let text = try String(contentsOfFile: pages + "/en-fieldnotes/01.txt", encoding: .utf8)
                let data = try JSONSerialization.data(withJSONObject: ["id": "no-site", "text": text], options: [.sortedKeys])
                records += String(decoding: data, as: UTF8.self) + "\n\n"
            }
        }
        let stdin = Array(records.utf8)
        let arguments = ["--jsonl", "--cross-doc", "--meta", "--profile", root + "/profiles"]
        let one = try expectTheSameForAnyJobs("sites and profiles", arguments, stdin: stdin)
        #expect(one.status == 0, "\(one.stderr)")
        let texts = try one.stdout.split(separator: 0x0A).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])["text"] as? String ?? ""
        }
        #expect(texts.count == 6 * sites.count + 1)
        // The first page of a site with a profile loses its template at once...
        #expect(!texts[0].contains("Independent local news since 1962"), "\(texts[0])")
        // ...one without a profile keeps it until its own pages have taught it.
        let wadi = try String(contentsOfFile: pages + "/ar-wadinews/01.txt", encoding: .utf8).split(separator: "\n")[0]
        #expect(texts[3].contains(wadi) && !texts[texts.count - 1].contains(wadi), "\(wadi)")
        let withoutProfiles = try winnow(["-j", "1", "--jsonl", "--cross-doc", "--meta"], stdin: stdin)
        #expect(withoutProfiles.stdout != one.stdout)
    }

    @Test func jobsMustBeAtLeastOne() throws {
        let run = try winnow(["-z", "-j", "0"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("-j must be between 1 and"))
    }
}

/// xorshift64*: the same pages on every run.
struct XorShift: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
