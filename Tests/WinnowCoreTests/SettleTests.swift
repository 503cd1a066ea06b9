import Foundation
import Testing
@testable import WinnowCore

/// `--settle` (`CleanOptions.settleRounds`): with the line model, cleaning the output
/// again can remove more (the model reads each line's neighbours and place, which
/// change when lines go); settled, the output is what cleaning it again gives.
@Suite struct SettleTests {
    func cleaner(settle: Bool) -> Cleaner {
        var options = CleanOptions()
        options.classifier = LineModel.embedded
        options.settleRounds = settle ? 8 : 0
        return Cleaner(ruleSet: defaultRules, options: options)
    }

    func clean(_ doc: [UInt8], settle: Bool) -> [UInt8] {
        CleanWriter.cleaned(doc, cleaner(settle: settle).clean(doc))
    }

    /// An eval page pasted 20 times, each copy's lines numbered apart (so no copy is
    /// exact). One round keeps every copy: removing the near copies would take over
    /// 40% of the page's prose, so the removal budget undoes them. Cleaned again, the
    /// output is a page whose copies stand side by side, and they go.
    static let numberedCopies: [UInt8] = {
        let page = (try? readFile("eval/pages/en-riverpost/03.txt")) ?? []
        let lines = page.withUnsafeBufferPointer { b in LineSplitter.split(b).map { Array(b[$0.content]) } }
        return (1...20).flatMap { n in lines.flatMap { Array("\(n) ".utf8) + $0 + [0x0A] } }
    }()

    @Test func theModelAloneCanRemoveMoreOnASecondRun() {
        // What --settle is for: without it this page changes when cleaned again.
        let once = clean(Self.numberedCopies, settle: false)
        #expect(!once.isEmpty)
        #expect(clean(once, settle: false) != once)
    }

    @Test func aSettledOutputIsWhatCleaningItAgainGives() {
        let settled = clean(Self.numberedCopies, settle: true)
        #expect(!settled.isEmpty)
        #expect(clean(settled, settle: true) == settled)
        // Also cleaned again without --settle: its first round already removes nothing.
        #expect(clean(settled, settle: false) == settled)
        // It removes at least what one round does.
        #expect(settled.count <= clean(Self.numberedCopies, settle: false).count)
    }

    @Test func settledMixedPagesAreIdempotentWithTheModel() {
        var rng = SplitMix64(seed: 23)
        var failures: [String] = []
        for n in 0..<20 {
            let doc = IdempotenceTests.mixedPage(&rng)
            let once = clean(doc, settle: true)
            let twice = clean(once, settle: true)
            if once != twice { failures.append("case \(n): \(firstDifference(once, twice))") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Lines removed in a later round name input lines in their reasons: a copy's
    /// original is an earlier line of the input with the same words.
    @Test func laterRoundsNameTheInputsLines() throws {
        let doc = Self.numberedCopies
        let result = cleaner(settle: true).clean(doc)
        let first = cleaner(settle: false).clean(doc)
        var later = 0
        for i in result.fates.indices where result.fates[i] != first.fates[i] {
            later += 1
            #expect(result.fates[i].isRemoved && first.fates[i].isKept, "line \(i + 1)")
            if let evidence = result.fates[i].evidence(of: RepeatDetector.self, in: result.detectors) {
                let k = evidence.original
                #expect(k < i && result.fates[k] != .blank, "line \(i + 1) copies \(k + 1)")
                if case .copy = evidence {
                    // An exact copy: the same text once normalised, spaces aside.
                    func shadow(_ line: Int) -> String {
                        Normalizer.normalize(String(decoding: doc[result.spans[line].content], as: UTF8.self)).filter { $0 != " " }
                    }
                    #expect(shadow(k) == shadow(i), "line \(i + 1) is not a copy of line \(k + 1)")
                }
            }
            if let run = result.fates[i].evidence(of: MenuDetector.self, in: result.detectors) {
                // The run starts at or above the line, on a line of the input.
                #expect(run.first <= i && result.fates[run.first] != .blank, "line \(i + 1): run from \(run.first + 1)")
            }
        }
        #expect(later > 0, "the later rounds removed nothing: the test shows nothing")
    }

    @Test func outputLinesMapToTheInputsLines() {
        let fates: [Fate] = [.blank, .kept, .removed(.rule(RuleHit(0, .drop))), .blank, .blank, .kept, .protected(rule: 1),
                             .blank, .removed(.rule(RuleHit(0, .drop))), .kept, .blank]
        // The writer's output: line 1, a break, lines 5 and 6, a break, line 9.
        #expect(Cleaner.outputOrigins(fates) == [1, -1, 5, 6, -1, 9])
    }

    /// A later round's reasons name output lines; carried back, they name the input's.
    @Test func reasonsAreMovedToTheInputsLines() throws {
        let origins: [Int32] = [4, -1, 7, 12]
        func line(_ k: Int) -> Int { origins[k] >= 0 ? Int(origins[k]) : k }
        let registry = DetectorRegistry.standard
        let repeats = try #require(registry.id(of: RepeatDetector.self))
        let menu = try #require(registry.id(of: MenuDetector.self))
        let model = try #require(registry.id(of: ModelDetector.self))
        func moved(_ reason: Reason) -> Reason { Cleaner.movingLines(reason, line, registry) }
        #expect(moved(.rule(RuleHit(3, .afterCut(marker: 2)))) == .rule(RuleHit(3, .afterCut(marker: 7))))
        #expect(moved(.rule(RuleHit(3, .listItem(heading: 0)))) == .rule(RuleHit(3, .listItem(heading: 4))))
        #expect(moved(.rule(RuleHit(3, .grabbed(anchor: 3)))) == .rule(RuleHit(3, .grabbed(anchor: 12))))
        #expect(moved(.rule(RuleHit(3, .guardedCut(percentAbove: 2)))) == .rule(RuleHit(3, .guardedCut(percentAbove: 2))))
        let copy = DetectorHit(repeats, RepeatDetector.Evidence.near(of: 2, percent: 90).packed)
        #expect(moved(.detector(copy)) == .detector(DetectorHit(repeats, RepeatDetector.Evidence.near(of: 7, percent: 90).packed)))
        let run = DetectorHit(menu, HeadlineRun(first: 0, count: 3).packed)
        #expect(moved(.detector(run)) == .detector(DetectorHit(menu, HeadlineRun(first: 4, count: 3).packed)))
        // A score names no line.
        let score = DetectorHit(model, PackedEvidence(2))
        #expect(moved(.detector(score)) == .detector(score))
    }
}
