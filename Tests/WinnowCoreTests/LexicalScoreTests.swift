import Foundation
import Testing
@testable import WinnowCore

/// The line model's word evidence (LexicalScore): its words, keys and format.
/// That Swift and train/lexical.py score alike is LineModelTests' fixture check.
@Suite struct LexicalScoreTests {
    static func words(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { line in
            var folded = [UInt8](repeating: 0, count: max(line.count, 1))
            var ends = [Int](repeating: 0, count: line.count + 1)
            let n = folded.withUnsafeMutableBufferPointer { f in
                ends.withUnsafeMutableBufferPointer { LexicalScore.words(line, folded: f, ends: $0) }
            }
            return (0..<n).map { k in String(decoding: folded[(k == 0 ? 0 : ends[k - 1])..<ends[k]], as: UTF8.self) }
        }
    }

    @Test func wordsFoldDigitsAndASCIICaseAndSplitOnPunctuation() {
        #expect(LexicalScoreTests.words("Read MORE: 12 comments!") == ["read", "more", "00", "comments"])
        // Persian digits fold too; ZWNJ and the Arabic comma split words.
        #expect(LexicalScoreTests.words("نظرات\u{200C}ها ۱۴۰۴، خبر") == ["نظرات", "ها", "0000", "خبر"])
        // Each CJK character is a word; accented Latin letters are kept as they are.
        #expect(LexicalScoreTests.words("新闻Élan") == ["新", "闻", "Élan"])
        #expect(LexicalScoreTests.words(" ©  — ") == [])
    }

    static func score(_ text: String, _ entries: [(String, Double)], intercept: Double = 0) -> Double {
        let table = LexicalScore(bits: 18, intercept: intercept, entries: entries.map {
            (Int(FNV.hash($0.0.utf8) & ((1 << 18) - 1)), $0.1)
        })
        return Array(text.utf8).withUnsafeBufferPointer { table.logit($0) }
    }

    @Test func aLineWeighsItsDistinctKeys() {
        // "share this": keys share, this, ^share, this$, #short:share this; five buckets.
        let s = LexicalScoreTests.score("Share this", [("share", 1), ("^share", 1), ("#short:share this", 2)], intercept: -1)
        #expect(abs(s - (-1 + 4 / 5.0.squareRoot())) < 1e-12)
        // A repeated word counts once; a line without words is the key <empty>.
        #expect(LexicalScoreTests.score("x x", [("x", 1)]) == LexicalScoreTests.score("x", [("x", 1)]))
        #expect(LexicalScoreTests.score("—", [("<empty>", 0.5)]) == 0.5)
    }

    @Test func aBadLexicalTableIsRefused() {
        let base = LineModelTests.uniformModel(threshold: 0.5)
        // Stage 1 lacks the `lexical` feature the table needs.
        #expect(throws: LineModel.FormatError.self) { try LineModel(text: base + "lexical 18 0\n5 0.1\n") }
        let withFeature = base.replacingOccurrences(of: "bias 0.0\nstage2", with: "lexical 0.0 1.0 1.0\nbias 0.0\nstage2")
        #expect(throws: Never.self) { try LineModel(text: withFeature + "lexical 18 0\n5 0.1\n") }
        #expect(throws: LineModel.FormatError.self) { try LineModel(text: withFeature + "lexical 18 0\n262144 0.1\n") }
        #expect(throws: LineModel.FormatError.self) { try LineModel(text: withFeature + "lexical 40 0\n") }
        #expect(throws: LineModel.FormatError.self) { try LineModel(text: withFeature + "lexical 18 0\n5 x\n") }
    }
}

extension LexicalScoreTests {
    /// The table's fast number reader gives strtod's double, bit for bit, or leaves it to strtod.
    @Test func shortDecimalsReadAsStrtodDoes() {
        func read(_ s: String) -> Double? { Array(s.utf8).withUnsafeBufferPointer { LineModel.shortDecimal($0) } }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let w = Double.random(in: -8...8, using: &generator)
            let text = String(format: "%.6g", w)
            guard let fast = read(text) else { continue }
            #expect(fast.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
        #expect(read("0.3") == 0.3 && read("-1.25") == -1.25 && read("7") == 7)
        #expect(read("1e-05") == nil && read("nan") == nil && read("") == nil && read("1.2.3") == nil)
        #expect(read("1234567890123456") == nil)
    }
}
