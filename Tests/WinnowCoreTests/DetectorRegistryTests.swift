import Foundation
import Testing
@testable import WinnowCore

/// An example detector, as a new one is written: this type and one registry line.
/// It removes lines written all in capitals ("SUBSCRIBE NOW"), a shout no article
/// line is.
struct ShoutDetector: Detector {
    static let id = "shout"
    static let summary = "lines written all in capitals"
    static let readsTopic = false
    static func isCertain(_ evidence: Evidence) -> Bool { false }

    /// How many letters the line has.
    struct Evidence: DetectorEvidence {
        var letters: Int
        var packed: PackedEvidence { PackedEvidence(letters) }
        init(letters: Int) { self.letters = letters }
        init(unpacking packed: PackedEvidence) { letters = packed.first }
    }

    static func explain(_ evidence: Evidence) -> String { "shout: \(evidence.letters) letters, all capitals" }

    static func write(_ evidence: Evidence, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        json.key("letters"); json.number(evidence.letters)
    }

    init?(_ setup: DetectorSetup) {}

    func run(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) {
        for i in 0..<pass.page.count where fates[i] == .kept {
            let line = pass.page.line(i)
            let letters = line.filter { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
            if letters.count >= 6, letters.allSatisfy({ $0 <= 0x5A }) { fates.remove(i, Evidence(letters: letters.count)) }
        }
    }
}

@Suite struct DetectorRegistryTests {
    let body = "The council approved the new budget on Tuesday after a long debate about schools."

    @Test func anExampleDetectorIsOneTypeAndOneRegistryLine() throws {
        var options = CleanOptions()
        options.detectors = DetectorRegistry.standard.adding(ShoutDetector.self)
        let text = "\(body)\nSUBSCRIBE NOW\n"
        let result = Cleaner(ruleSet: .empty, options: options).clean(Array(text.utf8))
        #expect(result.fates[1].evidence(of: ShoutDetector.self, in: options.detectors) == .init(letters: 12))
        // As `--explain` shows it, and as the tallies count it.
        let explanation = Explanation(ruleSet: .empty, detectors: result.detectors)
        #expect(explanation.verdict(result.fates[1]) == "drop")
        #expect(explanation.reason(result.fates[1]) == "shout: 12 letters, all capitals")
        let tally = RemovalTally(result, ruleSet: .empty)
        #expect(tally.lines(.detector("shout")) == 1)
        #expect(tally.ranked.map(\.reason) == ["shout"])
        // `--explain --json`'s evidence object.
        guard case .removed(.detector(let hit)) = result.fates[1] else { Issue.record("not a detector's removal"); return }
        var json = JSONWriter()
        json.beginObject()
        result.detectors.write(hit, to: &json, line: 1, of: result)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"letters":12}"#)
        // Its switch: the registry's id.
        options.detectorsOff = ["shout"]
        #expect(Cleaner(ruleSet: .empty, options: options).clean(Array(text.utf8)).removedCount == 0)
    }

    @Test func aRuleAndADetectorOfOneIdAreTalliedApart() throws {
        // A rule whose id is `menu` removes one line, the menu detector four.
        let rules = try ruleSet("drop menu ^Advertisement$")
        let other = "Opposition members said the plan would cut services in the poorest districts of the city."
        let text = "Home\nNews\nSports\nWeather\n\nAdvertisement\n\n\(body)\n\(other)\n"
        let result = Cleaner(ruleSet: rules).clean(Array(text.utf8))
        let tally = RemovalTally(result, ruleSet: rules)
        #expect(tally.lines(.rule("menu")) == 1)
        #expect(tally.lines(.detector("menu")) == 4)
        #expect(tally.ranked.map(\.reason) == ["detector menu", "menu"])
    }

    @Test func uncertainRemovalsAreWhatTheDetectorSays() {
        let budget = RemovalBudget(share: 0.4)
        let registry = DetectorRegistry.standard
        func fate<D: Detector>(_ d: D.Type, _ e: D.Evidence) -> Fate { .removed(.detector(DetectorHit(registry.id(of: d)!, e.packed))) }
        #expect(!budget.isUncertain(fate(RepeatDetector.self, .copy(of: 0))))
        #expect(budget.isUncertain(fate(RepeatDetector.self, .near(of: 0, percent: 90))))
        #expect(budget.isUncertain(fate(MenuDetector.self, HeadlineRun(first: 0, count: 4))))
        #expect(!budget.isUncertain(.removed(.rule(RuleHit(0, .drop)))))
    }

    @Test func everyDetectorHasAnIdAndWords() {
        let ids = DetectorRegistry.standard.ids
        #expect(ids == ["repeats", "profile", "cross-document", "headline-list", "menu", "model"])
        for d in DetectorRegistry.standard.detectors { #expect(!d.summary.isEmpty) }
    }

    /// One stored a line: it must not grow (RobustnessTests.memoryPerShortLineIsBounded).
    @Test func aFateTakesSixteenBytes() {
        #expect(MemoryLayout<Fate>.stride == 16)
    }
}

/// Each detector alone: the others off.
@Suite struct DetectorAloneTests {
    let a = "The council approved the new budget on Tuesday after a long debate about schools."
    let b = "Opposition members said the plan would cut services in the poorest districts of the city."
    let c = "The mayor promised a review of the spending in the autumn, when new figures are due."

    func only(_ detector: any Detector.Type) -> CleanOptions {
        var options = CleanOptions()
        options.detectorsOff = Set(DetectorRegistry.standard.ids).subtracting([detector.id])
        return options
    }

    @Test func repeats() {
        let f = fates("\(a)\n\(b)\n\(a)\n", rules: .empty, options: only(RepeatDetector.self))
        #expect(f[2].evidence(of: RepeatDetector.self) == .copy(of: 0))
        #expect(Explanation(ruleSet: .empty).reason(f[2]) == "repeats: copy of line 1")
    }

    @Test func headlineList() {
        let heads = (1...5).map { "Local team wins the regional cup final number \($0)" }
        let f = fates("\(a)\n\n" + heads.joined(separator: "\n") + "\n", rules: .empty, options: only(HeadlineListDetector.self))
        #expect(f[2].evidence(of: HeadlineListDetector.self) == HeadlineRun(first: 2, count: 5))
        #expect(Explanation(ruleSet: .empty).reason(f[2]) == "headline-list: run of 5 headline-like lines from line 3")
    }

    @Test func menu() {
        let f = fates("Home\nNews\nSports\nWeather\n\n\(a)\n\(b)\n\(c)\n", rules: .empty, options: only(MenuDetector.self))
        #expect(f[0].evidence(of: MenuDetector.self) == HeadlineRun(first: 0, count: 4))
        #expect(Explanation(ruleSet: .empty).reason(f[0]) == "menu: run of 4 lines outside the body from line 1, mostly of one to three words")
        #expect(!f[5].isRemoved)
    }

    @Test func crossDocument() {
        let index = TemplateIndex(minimumDocuments: 2)
        let pages = ["Example News\n\(a)\n", "Example News\n\(b)\n", "Example News\n\(c)\n"]
        for p in pages { index.add(Array(p.utf8)) }
        let result = Cleaner(ruleSet: .empty, options: only(TemplateDetector.self)).clean(Array(pages[0].utf8), templates: index)
        #expect(result.fates[0].evidence(of: TemplateDetector.self)?.documents == 3)
        #expect(Explanation(ruleSet: .empty).reason(result.fates[0]) == "cross-document: this line stands in 3 documents of the run")
        #expect(result.templateLines.map(\.line) == [0])
    }

    @Test func model() throws {
        var options = only(ModelDetector.self)
        options.classifier = try LineModel(text: LineModelTests.uniformModel(threshold: 1))
        options.removalBudget = 1
        let text = (0..<8).map { "Line \($0): \(a)" }.joined(separator: "\n") + "\n"
        let result = Cleaner(ruleSet: .empty, options: options).clean(Array(text.utf8))
        #expect(result.fates[3].evidence(of: ModelDetector.self)?.permille == 500)
        #expect(result.fates[3].evidence(of: ModelDetector.self)?.thresholdPermille == 1000)
        #expect(Explanation(ruleSet: .empty).reason(result.fates[3]) == "model: body score 0.5 < threshold 1.0")
    }

    @Test func allSwitchedOffRemoveNothing() {
        var options = CleanOptions()
        options.detectorsOff = Set(DetectorRegistry.standard.ids)
        #expect(fates("\(a)\n\(a)\n", rules: .empty, options: options).allSatisfy { !$0.isRemoved })
    }
}

extension DetectorAloneTests {
    @Test func profile() throws {
        let path = NSTemporaryDirectory() + "winnow-\(UUID().uuidString).profile"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let key = String(TemplateIndex.key(ofLine: "Example News"), radix: 16)
        try "site example\npages 5\nline \(key) 5 Example News\n".write(toFile: path, atomically: true, encoding: .utf8)
        var options = only(ProfileDetector.self)
        options.profiles = try ProfileSet(path: path)
        let cleaner = Cleaner(ruleSet: .empty, options: options)
        cleaner.useSite(nil)
        let result = cleaner.clean(Array("Example News\n\(a)\n".utf8))
        #expect(result.fates[0].evidence(of: ProfileDetector.self)?.pages == 5)
        #expect(Explanation(ruleSet: .empty).reason(result.fates[0]) == "profile example: \(path):3 (a template line of 5 pages)")
    }
}
