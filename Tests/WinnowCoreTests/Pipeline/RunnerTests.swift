import Foundation
import Testing
@testable import WinnowCore

/// The runner with the real sources, workers and printers: the same cleaned text
/// from every source, for any number of jobs, and notices in input order.
@Suite struct RunnerTests {
    static let pages = ["Title\n×\nBody line one.\nBody line one.\n", "Another page\nشارك\nIts text, one line.\n",
                        "A third\n\n\nwith blank lines\n"]

    func textWorker(separator: UInt8? = nil, learning: StreamLearning? = nil, inputText: String = "utf-8") -> () -> TextDocumentWorker {
        {
            var worker = TextDocumentWorker(cleaner: Cleaner(ruleSet: defaultRules), printer: CleanTextPrinter(finalLineEnd: separator == nil ? .always : .likeInput))
            worker.separator = separator
            worker.learning = learning
            worker.inputText = InputText(encoding: inputText)
            return worker
        }
    }

    /// The cleaned text of each page, by cleaning it alone.
    var expected: [String] { Self.pages.map { clean($0) } }

    @Test func everySourceGivesTheSameCleanedText() throws {
        let files = try folder(Dictionary(uniqueKeysWithValues: Self.pages.enumerated().map { ("\($0.offset).txt", $0.element.bytes) }))
        let paths = Self.pages.indices.map { files + "/\($0).txt" }
        let nul = try folder(["s": Self.pages.joined(separator: "\0").bytes]) + "/s"
        let records = Self.pages.map { page -> String in
            var text: [UInt8] = []
            page.bytes.withUnsafeBufferPointer { JSONLRecord.appendString($0, to: &text) }
            return "{\"id\":1,\"text\":" + String(decoding: text, as: UTF8.self) + "}"
        }
        let jsonl = try folder(["s": records.joined(separator: "\n").bytes]) + "/s"
        for jobs in [1, 3] {
            let runner = Runner(jobs: jobs)
            let whole = try runPipeline(FileSource(paths: paths, cap: 1 << 20), runner: runner, worker: textWorker())
            #expect(String(decoding: whole.out, as: UTF8.self) == expected.joined())
            let stream = try runPipeline(RecordSource.nul([nul], cap: 1 << 20), runner: runner, worker: textWorker(separator: 0))
            #expect(stream.out.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) } == expected)
            let lines = try runPipeline(RecordSource.jsonl([jsonl], cap: 1 << 20), runner: runner) {
                JSONLRecordWorker(cleaner: Cleaner(ruleSet: defaultRules), textKey: "text", addMeta: false, sites: StreamSites(), learning: nil)
            }
            let texts = try lines.out.split(separator: 0x0A).map { line -> String? in
                let object = try JSONSerialization.jsonObject(with: Data(Array(line))) as? [String: Any]
                return object?["text"] as? String
            }
            #expect(texts == expected)
            #expect(whole.outcome.ok && stream.outcome.ok && lines.outcome.ok)
        }
    }

    @Test func noticesComeInInputOrderAndAFailureFailsTheRun() throws {
        let body = "This is the body of the page, one full sentence.\n"
        let dir = try folder(["a.txt": "one\0two".bytes, "b.txt": body.bytes, "c.txt": String(repeating: "long line\n", count: 20).bytes])
        for jobs in [1, 3] {
            let run = try runPipeline(FileSource(paths: [dir + "/a.txt", dir + "/none.txt", dir + "/b.txt", dir + "/c.txt"], cap: 100),
                                      runner: Runner(jobs: jobs), worker: textWorker(inputText: "auto"))
            let said = run.notices.map { notice -> String in
                switch notice {
                case .notText(let place, _, _): "not text \(place)"
                case .unreadable(let failure): "unreadable \(failure.path)"
                case .tooLarge(let place, _): "too large \(place)"
                default: "\(notice)"
                }
            }
            #expect(said == ["not text \(dir)/a.txt", "unreadable \(dir)/none.txt", "too large \(dir)/c.txt"])
            #expect(!run.outcome.ok)
            // Passed through unchanged, each ended with a line end.
            #expect(run.out == "one\0two\n".bytes + clean(body).bytes + String(repeating: "long line\n", count: 20).bytes)
        }
    }

    @Test func aStrictRunStopsBeforeAMalformedRecord() throws {
        let dir = try folder(["s": "{\"text\":\"a\"}\nnot json\n{\"text\":\"b\"}\n".bytes])
        var runner = Runner()
        runner.strict = true
        let run = try runPipeline(RecordSource.jsonl([dir + "/s"], cap: 100), runner: runner) {
            JSONLRecordWorker(cleaner: Cleaner(ruleSet: defaultRules), textKey: "text", addMeta: false, sites: StreamSites(), learning: nil)
        }
        #expect(run.out == "{\"text\":\"a\"}\n".bytes)
        #expect(run.notices.count == 1 && !run.outcome.ok)
    }

    @Test func explanationsAndChecksDoNotWriteWhatPassesThrough() throws {
        let dir = try folder(["big.txt": String(repeating: "x", count: 50).bytes])
        var runner = Runner()
        runner.writesPassedThrough = false
        let run = try runPipeline(FileSource(paths: [dir + "/big.txt"], cap: 10), runner: runner) {
            TextDocumentWorker(cleaner: Cleaner(ruleSet: defaultRules), printer: SilentPrinter())
        }
        #expect(run.out.isEmpty && run.notices.count == 1 && run.outcome.ok)
    }

    @Test func crossDocumentLearningSeesTheStreamInOrderForAnyNumberOfJobs() throws {
        let site = packageRoot + "/eval/sites/pages/fa-salamat"
        let pages = try FileManager.default.contentsOfDirectory(atPath: site).sorted().map { try readFile("eval/sites/pages/fa-salamat/" + $0) }
        let nul = try folder(["s": Array(pages.joined(separator: [0]))]) + "/s"
        let alone = try runPipeline(RecordSource.nul([nul], cap: 1 << 20), worker: textWorker(separator: 0))
        let one = try runPipeline(RecordSource.nul([nul], cap: 1 << 20), runner: Runner(jobs: 1),
                                  worker: textWorker(separator: 0, learning: StreamLearning()))
        let four = try runPipeline(RecordSource.nul([nul], cap: 1 << 20), runner: Runner(jobs: 4),
                                   worker: textWorker(separator: 0, learning: StreamLearning()))
        #expect(one.out == four.out)
        // The site's shared lines go once they have recurred.
        #expect(one.out.count < alone.out.count)
    }

    @Test func theFirstPassCountsEachSitesFilesTheSameForAnyNumberOfJobs() throws {
        let shared = "Menu: Home | News\n"
        let root = try folder(["a/1.txt": (shared + "One.\n").bytes, "a/2.txt": (shared + "Two.\n").bytes,
                               "b/1.txt": (shared + "Three.\n").bytes, "a/big.txt": (shared + String(repeating: "x", count: 100)).bytes])
        let paths = ["a/1.txt", "a/2.txt", "a/big.txt", "b/1.txt", "a/missing.txt"].map { root + "/" + $0 }
        let key = shared.bytes.withUnsafeBufferPointer { TemplateIndex.keys($0) }.lines[0]
        for jobs in [1, 3] {
            let index = TemplateFirstPass(minimumDocuments: 2, maxBytes: 64, jobs: jobs).index(over: paths)
            // Site a: two files (the one over the cap and the missing one are left out); site b: one.
            #expect(index.documentCount(key, site: TemplateFirstPass.site(of: paths[0])) == 2)
            #expect(index.documentCount(key, site: TemplateFirstPass.site(of: paths[3])) == 1)
        }
        let stopped = TemplateFirstPass(minimumDocuments: 2).index(over: paths, stop: { true })
        #expect(stopped.documentCount(key, site: TemplateFirstPass.site(of: paths[0])) == 0)
    }

    /// A worker whose output is not bytes: each document's size.
    struct SizeWorker: DocumentWorker {
        func process(_ document: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> Int { document.count }
    }

    /// A source of documents of 1 to 40 bytes, every fifth left unread.
    struct SizedSource: DocumentSource {
        func read(_ emit: (SourceItem) -> Bool) {
            for n in 1...40 {
                let place = DocumentPlace(path: "d\(n)")
                if !emit(n % 5 == 0 ? .unchanged(place) : .document(Array(repeating: 0x61, count: n), place)) { return }
            }
        }
    }

    @Test func aRunOfItsOwnGetsEveryOutputInInputOrder() {
        for jobs in [1, 3] {
            var seen: [Int] = []
            Runner(jobs: jobs).run(SizedSource(), makeWorker: { SizeWorker() }) { output in
                switch output {
                case .done(let size): seen.append(size)
                case .passed(.unchanged): seen.append(0)
                case .passed: seen.append(-1)
                }
                return seen.count < 30
            }
            #expect(seen == (1...30).map { $0 % 5 == 0 ? 0 : $0 })
        }
    }
}
