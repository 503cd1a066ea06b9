import Foundation
import Synchronization
import Testing
@testable import WinnowCore

/// Start-up leaves work for first use: a pattern's JIT code (`Regex`) and a
/// language selection's prefilter and groups (`RuleSet.rules(for:)`). Workers
/// share both, so first use may come from several threads at once.
@Suite struct LazyCompilationTests {
    @Test func aPatternMatchesTheSameBeforeAndAfterItsJITCode() throws {
        let regex = try Regex("^(?:منبع|source)\\s*:")
        let scratch = MatchScratch()
        #expect(regex.matches(Array("منبع: ایرنا".utf8), scratch: scratch))
        #expect(regex.isJIT)
        #expect(regex.matches(Array("Source : AP".utf8), scratch: scratch) == false)  // caseful
        #expect(regex.matches(Array("source: AP".utf8), scratch: scratch))
    }

    @Test func threadsMatchingANewPatternAtOnceAgree() throws {
        let lines = ["منبع: ایرنا", "source: AP", "nothing here", "", "source"].map { Array($0.utf8) }
        let serial = try Regex("^(?:منبع|source)\\s*:")
        let expected = lines.map { serial.matches($0, scratch: MatchScratch()) }
        for _ in 0..<20 {
            let shared = try Regex("^(?:منبع|source)\\s*:")
            let results = Mutex<[[Bool]]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                let scratch = MatchScratch()
                let found = lines.map { shared.matches($0, scratch: scratch) }
                results.withLock { $0.append(found) }
            }
            #expect(results.withLock { $0 } == Array(repeating: expected, count: 8))
        }
    }

    @Test func everySelectionIsBuiltOnceWhateverTheThreads() throws {
        let rules = try RuleSet.defaults()
        let selections = RuleSet.LanguageSelection.all
        let seen = Mutex<[[ObjectIdentifier]]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            // Each worker asks in its own order, so first requests collide.
            let order = worker.isMultiple(of: 2) ? selections : selections.reversed()
            var found = [ObjectIdentifier?](repeating: nil, count: selections.count + 1)
            for selection in order { found[selection.mask] = ObjectIdentifier(rules.rules(for: selection)) }
            seen.withLock { $0.append(found.compactMap { $0 }) }
        }
        let all = seen.withLock { $0 }
        #expect(all.count == 6 && Set(all.map { $0 }).count == 1)
        #expect(Set(all[0]).count == selections.count)
    }

    @Test func aSelectionHoldsTheRulesOfItsLanguages() throws {
        let rules = try RuleSet.defaults()
        for selection in RuleSet.LanguageSelection.all {
            let built = rules.rules(for: selection)
            let applicable = rules.rules.filter { selection.contains(any: $0.rule.languages) }
            let grouped = built.keep.rules + built.act.rules + built.strip.rules
            #expect(Set(grouped.map(\.index)) == Set(applicable.map(\.index)))
        }
    }
}
