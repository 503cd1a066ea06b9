import Testing
@testable import WinnowCore

/// Cross-document learning as an observer of the runner: the workers hand the
/// cleaner the counts it gives per document; the cleaner's options hold none.
@Suite struct TemplateLearningTests {
    static let shared = "Example News Network"
    static let pages = ["This is the first article, with a sentence of its own.",
                        "The second article says something else entirely here.",
                        "A third story, which is about another thing again."].map { "\(shared)\n\($0)\n" }

    /// A turn outside any pipeline: its in-order section runs at once.
    func turn() -> RunTurn { PipelineTurn(keeper: nil, ticket: 0) }

    /// The pages of `Self.pages[k]` for each k, in one buffer that outlives them all.
    func withPages<T>(_ ks: [Int], _ body: ([Page]) -> T) -> T {
        var all: [UInt8] = [], ranges: [Range<Int>] = []
        for k in ks {
            ranges.append(all.count..<all.count + Self.pages[k].utf8.count)
            all += Self.pages[k].bytes
        }
        return all.withUnsafeBufferPointer { buffer in body(ranges.map { Page(UnsafeBufferPointer(rebasing: buffer[$0])) }) }
    }

    func onlyTemplates() -> CleanOptions {
        var options = CleanOptions()
        options.detectorsOff = Set(DetectorRegistry.standard.ids).subtracting([TemplateDetector.id])
        return options
    }

    @Test func aFirstPassHandsEveryTextTheWholeIndex() {
        let index = TemplateIndex(minimumDocuments: 2)
        for p in Self.pages { index.add(p.bytes) }
        let counts = withPages([0, 0]) { LearnedTemplates(index).counts(for: $0, site: 0, turn: turn()) }
        #expect(counts.count == 2)
        #expect(counts.allSatisfy { ($0 as? TemplateIndex) === index })
    }

    @Test func aStreamCountsEachTextAsItComes() {
        let learning = StreamLearning(index: TemplateIndex(minimumDocuments: 2))
        let key = TemplateIndex.key(ofLine: Self.shared)
        let first = withPages([0]) { learning.counts(for: $0, site: 7, turn: turn()) }
        let next = withPages([1, 2]) { learning.counts(for: $0, site: 7, turn: turn()) }
        #expect(first.map { $0.documentCount(key, site: 7) } == [1])
        #expect(next.map { $0.documentCount(key, site: 7) } == [2, 3])
        #expect(learning.index.documentCount(key, site: 0) == 0)
    }

    /// Through the runner: with a first pass the first page already knows the line
    /// its site's later pages share; with a stream's learning it learns it on the
    /// second; without learning the line stays.
    @Test func theWorkerCleansWithWhatTheObserverHandsIt() throws {
        let dir = try folder(Dictionary(uniqueKeysWithValues: Self.pages.enumerated().map { ("\($0.offset).txt", $0.element.bytes) }))
        let paths = Self.pages.indices.map { dir + "/\($0).txt" }
        let index = TemplateFirstPass(minimumDocuments: 2).index(over: paths)
        func run(_ learning: (any TemplateLearning)?, jobs: Int) throws -> [String] {
            let options = onlyTemplates()
            let out = try runPipeline(FileSource(paths: paths, cap: 1 << 20), runner: Runner(jobs: jobs)) {
                var worker = TextDocumentWorker(cleaner: Cleaner(ruleSet: .empty, options: options), printer: CleanTextPrinter())
                worker.site = { cleaner, place in cleaner.useSite(nil, key: TemplateFirstPass.site(of: place.path)) }
                worker.learning = learning
                return worker
            }.out
            return String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        for jobs in [1, 3] {
            #expect(try run(nil, jobs: jobs).filter { $0 == Self.shared }.count == 3)
            #expect(try run(LearnedTemplates(index), jobs: jobs).filter { $0 == Self.shared }.isEmpty)
            #expect(try run(StreamLearning(index: TemplateIndex(minimumDocuments: 2)), jobs: jobs).filter { $0 == Self.shared }.count == 1)
        }
    }
}
