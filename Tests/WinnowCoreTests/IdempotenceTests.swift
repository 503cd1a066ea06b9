import Foundation
import Testing
@testable import WinnowCore

/// `clean(clean(x)) == clean(x)` on pages made of the shuffled lines of several real
/// pages (seeds/ and eval/pages), plus a few lines of random bytes: mixtures where a
/// removal can change what the guards of other lines see (issue 17, item 12). The seed
/// is fixed; set WINNOW_PROPERTY_CASES for a longer run, WINNOW_DUMP=DIR to keep the failing pages.
@Suite struct IdempotenceTests {
    static let cases = Int(ProcessInfo.processInfo.environment["WINNOW_PROPERTY_CASES"] ?? "") ?? 60

    /// The lines of every real page, one array per page.
    static let pages: [[[UInt8]]] = {
        var paths = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds")) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { "seeds/" + $0 }
        for site in (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/eval/pages")) ?? [] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/eval/pages/" + site)) ?? [] {
                paths.append("eval/pages/" + site + "/" + name)
            }
        }
        return paths.sorted().map { path in
            let bytes = (try? readFile(path)) ?? []
            return bytes.withUnsafeBufferPointer { b in LineSplitter.split(b).map { Array(b[$0.content]) } }
        }
    }()

    /// Two to four pages' lines, shuffled together, with up to three random byte lines.
    static func mixedPage(_ rng: inout SplitMix64) -> [UInt8] {
        var lines: [[UInt8]] = []
        for _ in 0..<(2 + Int(rng.next() % 3)) { lines += pages[Int(rng.next() % UInt64(pages.count))] }
        for _ in 0..<Int(rng.next() % 4) {
            lines.append((0..<(1 + Int(rng.next() % 60))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }.filter { $0 != 0x0A && $0 != 0x0D })
        }
        lines.shuffle(using: &rng)
        return lines.flatMap { $0 + [0x0A] }
    }

    func clean(_ doc: [UInt8]) -> [UInt8] {
        CleanWriter.cleaned(doc, Cleaner(ruleSet: defaultRules).clean(doc))
    }

    @Test func cleaningShuffledMixedPagesTwiceChangesNothing() {
        var rng = SplitMix64(seed: 17)
        var failures: [String] = []
        for n in 0..<Self.cases {
            let doc = Self.mixedPage(&rng)
            let once = clean(doc)
            let twice = clean(once)
            if once != twice, let dump = ProcessInfo.processInfo.environment["WINNOW_DUMP"] { try? Data(doc).write(to: URL(fileURLWithPath: dump + "/case\(n).txt")) }
            if once != twice { failures.append("case \(n): \(firstDifference(once, twice))") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.cases) not idempotent:\n\(failures.joined(separator: "\n"))")
    }
}
