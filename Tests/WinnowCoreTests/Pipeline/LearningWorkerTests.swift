import Testing
@testable import WinnowCore

/// `winnow learn` on the runner: pages go to the learner in input order for any
/// number of jobs, and the kept pages make the site's profile.
@Suite struct LearningWorkerTests {
    /// Twelve pages of two invented sites (`LearnTests`), in order.
    static var pages: [String] {
        var rng = SplitMix64(seed: 11)
        return (0..<12).flatMap { p in [LearnTests.pageA(p, &rng).0, LearnTests.pageB(p, &rng).0] }
    }

    @Test func theLearnerSeesThePagesInInputOrderForAnyNumberOfJobs() throws {
        let pages = Self.pages
        var alone = TemplateLearner()
        for page in pages { alone.add(page.bytes) }
        let dir = try folder(Dictionary(uniqueKeysWithValues: pages.enumerated().map { (String(format: "%02d.txt", $0.offset), $0.element.bytes) }))
        for jobs in [1, 3] {
            let learning = CorpusLearning(TemplateLearner(), keepsPages: true)
            let run = try runPipeline(CorpusSource(paths: [dir]), runner: Runner(jobs: jobs)) { LearningWorker(learning: learning) }
            #expect(run.out.isEmpty && run.outcome.ok)
            let keptInOrder = learning.pages == pages.map(\.bytes)
            #expect(keptInOrder)
            #expect(learning.learner.ruleFile(site: "test") == alone.ruleFile(site: "test"))
        }
        let forgetful = CorpusLearning(TemplateLearner())
        _ = try runPipeline(CorpusSource(paths: [dir])) { LearningWorker(learning: forgetful) }
        #expect(forgetful.pages.isEmpty && !forgetful.learner.candidates().isEmpty)
    }

    @Test func aMissingPathFailsTheRunAndIsNoticed() throws {
        let learning = CorpusLearning(TemplateLearner())
        let run = try runPipeline(CorpusSource(paths: ["/nonexistent/winnow-learn"])) { LearningWorker(learning: learning) }
        #expect(!run.outcome.ok && run.notices.count == 1)
    }

    /// The profile holds the lines the pages share, with the pages they stand in,
    /// and no line of one page alone.
    @Test func theProfileHoldsTheSharedLinesOfTheKeptPages() {
        let shared = "Follow The Ledger on X"
        let learning = CorpusLearning(TemplateLearner(), keepsPages: true)
        let bodies = ["The council met on Monday and agreed a budget for the coming year.",
                      "The harbour reopened after the storm, and the boats went out again.",
                      "The library will stay open late on Fridays from next month on."]
        for body in bodies { learning.add("\(body)\n\(shared)\n".bytes) }
        let text = learning.profileText(site: "ledger", rulesFile: "ledger.rules", cleaner: Cleaner(ruleSet: .empty), minimumDocuments: 2)
        let key = String(TemplateIndex.key(ofLine: shared), radix: 16)
        #expect(text.contains("site ledger\npages 3\nrules ledger.rules\n"))
        #expect(text.contains("line \(key) 3 \(shared)\n"))
        #expect(!text.contains(bodies[0]))
    }
}
