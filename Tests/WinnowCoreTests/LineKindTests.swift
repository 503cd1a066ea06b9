import Testing
@testable import WinnowCore

/// The heuristics with some kinds taken away: a second `LineKindClassifier`, to
/// show that the rules and detectors read the injected kinds, not the heuristics.
struct HeuristicsWithout: LineKindClassifier {
    let removed: LineKind

    func kinds(of page: Page) -> [LineKind] {
        HeuristicLineKinds().kinds(of: page).map { $0.subtracting(removed) }
    }
}

/// Line kinds: the heuristics' answers, their size, and a classifier plugged in
/// through `CleanOptions.lineKinds` changing the rules' and detectors' decisions.
@Suite struct LineKindTests {
    let prose = "This is a long body paragraph with many words in it that reads like an article sentence."

    var rulesOnly: CleanOptions {
        var o = CleanOptions()
        o.detectorsOff = Set(DetectorRegistry.standard.ids)
        return o
    }

    func rulesOnly(without removed: LineKind) -> CleanOptions {
        var o = rulesOnly
        o.lineKinds = HeuristicsWithout(removed: removed)
        return o
    }

    /// A page keeps one a line (RobustnessTests.memoryPerShortLineIsBounded).
    @Test func aLineKindTakesOneByte() {
        #expect(MemoryLayout<LineKind>.stride == 1)
    }

    /// A title in two parts ("X… Y", common in Arabic news) may be the page's own
    /// title, though not headline-like; two sentences, or one that ends, may not.
    @Test func aTwoPartTitleIsTitleLike() {
        let text = "شعر وردي يشعل السخرية… لغز لون شعر ترامب يربك الجمهور\nThe bridge opens. Residents cheer\nThe bridge opens. Residents cheer.\nOne. Two. Three\n"
        let kinds = Array(text.utf8).withUnsafeBufferPointer { Page($0).kinds }
        #expect(kinds.map(\.isTitleLike) == [true, true, false, false])
        #expect(kinds.map(\.isHeadlineLike) == [false, false, false, false])
    }

    @Test func heuristicKindsOfTypicalLines() {
        let text = "\(prose)\nLocal team wins the cup\nWhy do swifts never land?\nJane Doe\n\nContact:\nCall 555 0100 today\n"
        let kinds = Array(text.utf8).withUnsafeBufferPointer { Page($0).kinds }
        #expect(kinds == [.prose, [.headlineLike, .titleLike], .titleLike, [.headlineLike, .titleLike, .nameLike], [], [],
                          [.headlineLike, .titleLike]])
    }

    @Test func thePageTakesItsKindsAndBodyFromTheClassifier() {
        let text = "Title\n\(prose)\n\(prose) Two.\n"
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            #expect(Page(bytes).body! == (first: 1, last: 2))
            let page = Page(bytes, kinds: HeuristicsWithout(removed: .prose))
            #expect(page.kinds.allSatisfy { !$0.isProse })
            #expect(page.body == nil)
        }
    }

    /// With no prose above it, a cut marker only removes itself (the cut guard).
    @Test func theCutGuardCountsTheInjectedProse() throws {
        let rules = try ruleSet("cut t.end ^END$")
        let text = "\(prose)\n\n\(prose) Two.\nEND\nfooter one\n"
        let heuristic = fates(text, rules: rules, options: rulesOnly)
        #expect(heuristic[3] == .removed(.rule(RuleHit(0, .cutMarker))))
        #expect(heuristic[4] == .removed(.rule(RuleHit(0, .afterCut(marker: 3)))))
        let injected = fates(text, rules: rules, options: rulesOnly(without: .prose))
        #expect(injected[3] == .removed(.rule(RuleHit(0, .guardedCut(percentAbove: 0)))))
        #expect(injected[4] == .kept)
    }

    @Test func listRulesTakeTheInjectedHeadlines() throws {
        let rules = try ruleSet("list t.latest ^Latest$")
        let text = "\(prose)\nLatest\nFirst other story here\n"
        #expect(fates(text, rules: rules, options: rulesOnly)[2].isRemoved)
        #expect(fates(text, rules: rules, options: rulesOnly(without: .headlineLike))[2] == .kept)
    }

    @Test func grabRulesTakeTheInjectedNames() throws {
        let rules = try ruleSet("drop t.author ^Author$\n  grab before 1")
        let text = "\(prose)\n\nJane Doe\nAuthor\n"
        #expect(fates(text, rules: rules, options: rulesOnly)[2].isRemoved)
        #expect(fates(text, rules: rules, options: rulesOnly(without: .nameLike))[2] == .kept)
    }

    @Test func theHeadlineListDetectorTakesTheInjectedHeadlines() {
        var options = CleanOptions()
        options.detectorsOff = Set(DetectorRegistry.standard.ids).subtracting([HeadlineListDetector.id])
        let heads = (1...5).map { "Local team wins the regional cup final number \($0)" }
        let text = "\(prose)\n\n" + heads.joined(separator: "\n") + "\n"
        #expect(fates(text, rules: .empty, options: options)[2].isRemoved)
        options.lineKinds = HeuristicsWithout(removed: .headlineLike)
        #expect(fates(text, rules: .empty, options: options)[2] == .kept)
    }

    /// The line model's features read the kinds too: its prose flag follows them.
    @Test func theModelsFeaturesReadTheInjectedKinds() throws {
        let prose = self.prose
        let flags = { (classifier: any LineKindClassifier) -> Double in
            Array("\(prose)\n".utf8).withUnsafeBufferPointer { bytes in
                let features = LineFeatures(Page(bytes, scanWords: true, kinds: classifier))
                let column = LineFeatures.names.firstIndex(of: "prose")!
                return Array(features.rows(fates: [.kept], headline: nil).row(0))[column]
            }
        }
        #expect(flags(HeuristicLineKinds()) == 1)
        #expect(flags(HeuristicsWithout(removed: .prose)) == 0)
    }

    /// The cross-document learners build their pages with the injected kinds too:
    /// a shared prose line is an article copy's evidence, or kept out of `learn`'s
    /// proposals, only when the classifier calls it prose.
    @Test func theCrossDocumentKeysTakeTheInjectedProse() {
        let text = "Menu\n\(prose)\n"
        let keys = { (classifier: any LineKindClassifier) in
            Array(text.utf8).withUnsafeBufferPointer { TemplateIndex.keys($0, kinds: classifier) }
        }
        #expect(keys(HeuristicLineKinds()).prose.count == 1)
        #expect(keys(HeuristicsWithout(removed: .prose)).prose.isEmpty)
        #expect(keys(HeuristicsWithout(removed: .prose)).lines == keys(HeuristicLineKinds()).lines)
        // A stream keys the pages its cleaner built, with the cleaner's kinds.
        var options = CleanOptions()
        options.lineKinds = HeuristicsWithout(removed: .prose)
        let page = Array(text.utf8).withUnsafeBufferPointer { TemplateIndex.keys(of: Cleaner(ruleSet: .empty, options: options).page($0)) }
        #expect(page.prose.isEmpty)
        #expect(page.lines == keys(HeuristicLineKinds()).lines)
        #expect(TemplateFirstPass(minimumDocuments: 2, kinds: HeuristicsWithout(removed: .prose)).kinds is HeuristicsWithout)
    }

    @Test func learnProposesASharedLineOnlyWhenItIsNotProse() {
        let proposed = { (classifier: any LineKindClassifier) -> Bool in
            var learner = TemplateLearner()
            learner.kinds = classifier
            for p in 0..<4 { learner.add(Array("Page \(p) of the site\n\(self.prose)\nSomething else \(p * 7919)\n".utf8)) }
            return learner.candidates().contains { $0.examples.contains(self.prose) }
        }
        #expect(!proposed(HeuristicLineKinds()))
        #expect(proposed(HeuristicsWithout(removed: .prose)))
    }
}
