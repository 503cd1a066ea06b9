import Foundation
import Testing
@testable import WinnowCore

/// Properties over generated documents: mixtures of seed lines, random Unicode,
/// invalid bytes, long lines and every kind of line end. The seed is fixed; set
/// WINNOW_PROPERTY_CASES for a longer run.
@Suite struct PropertyTests {
    static let cases = Int(ProcessInfo.processInfo.environment["WINNOW_PROPERTY_CASES"] ?? "") ?? 150

    static let seedLines: [[UInt8]] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds")) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().flatMap { name -> [[UInt8]] in
            let bytes = (try? readFile("seeds/" + name)) ?? []
            return bytes.withUnsafeBufferPointer { b in LineSplitter.split(b).map { Array(b[$0.content]) } }
        }
    }()

    static func document(_ rng: inout SplitMix64) -> [UInt8] {
        var doc: [UInt8] = []
        let endings: [[UInt8]] = [[0x0A], [0x0A], [0x0A], [0x0D, 0x0A], [0x0D]]
        for _ in 0..<Int(rng.next() % 40) {
            switch rng.next() % 10 {
            case 0..<6: doc += seedLines.randomElement(using: &rng) ?? []
            case 6: doc += (0..<Int(rng.next() % 80)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            case 7: doc += Array(String((0..<Int(rng.next() % 30)).compactMap { _ in
                        Unicode.Scalar(UInt32(rng.next() % 0x700)) }.map(Character.init)).utf8)
            case 8: doc += []   // a blank line
            default: doc += [UInt8](repeating: 0xD8, count: Int(rng.next() % 3000))
            }
            doc += endings[Int(rng.next() % UInt64(endings.count))]
        }
        return doc
    }

    func run(_ doc: [UInt8]) -> [UInt8] {
        CleanWriter.cleaned(doc, Cleaner(ruleSet: defaultRules).clean(doc))
    }

    @Test func outputLinesAreASubsequenceOfInputLines() {
        var rng = SplitMix64(seed: 42)
        for n in 0..<Self.cases {
            let doc = Self.document(&rng)
            #expect(isLineSubsequence(run(doc), of: doc), "case \(n)")
        }
    }

    @Test func cleaningTwiceChangesNothing() {
        var rng = SplitMix64(seed: 43)
        for n in 0..<Self.cases {
            let once = run(Self.document(&rng))
            let twice = run(once)
            let same = once == twice
            #expect(same, "case \(n): \(firstDifference(once, twice))")
            if !same { break }
        }
    }

    @Test func seedsAreFixedPoints() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds").filter({ $0.hasSuffix(".txt") }) {
            let once = run(try readFile("seeds/" + name))
            let same = run(once) == once
            #expect(same, "\(name)")
        }
    }

    @Test func everyRemovedLineHasAReason() {
        var rng = SplitMix64(seed: 44)
        let explanation = Explanation(ruleSet: defaultRules)
        for _ in 0..<Self.cases {
            let result = Cleaner(ruleSet: defaultRules).clean(Self.document(&rng))
            for fate in result.fates where fate.isRemoved {
                #expect(!explanation.reason(fate).isEmpty)
            }
        }
    }
}

/// The first line where two outputs differ, for failure messages.
func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
    let la = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let lb = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(la.count, lb.count) {
        let x = i < la.count ? String(la[i]) : "<none>", y = i < lb.count ? String(lb[i]) : "<none>"
        if x != y { return "line \(i + 1): «\(x.prefix(80))» vs «\(y.prefix(80))»" }
    }
    return "same lines"
}
