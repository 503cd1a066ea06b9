import Foundation
import Testing
@testable import WinnowCore

/// The fast paths of the line model: the embedded lexical table read from its C
/// copy, and the keys hashed as a line is read (`LineKeys`), each against the
/// plain way that spells the format out.
@Suite struct EmbeddedModelTests {
    @Test func theEmbeddedTableIsTheTextsTable() throws {
        let fromText = try #require(try LineModel(text: EmbeddedModel.text).lexical)
        let embedded = try #require(LineModel.embedded.lexical)
        #expect(embedded.bits == fromText.bits)
        #expect(embedded.intercept.bitPattern == fromText.intercept.bitPattern)
        #expect(embedded.weights.count == fromText.weights.count)
        let differ = zip(embedded.weights, fromText.weights).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differ == 0, "run python3 train/embed_model.py after changing models/line.model")
        #expect(LineModel.embedded.name == (try LineModel(text: EmbeddedModel.text)).name)
    }

    /// Stage 1's trees, when the embedded model has them, read from the C arrays
    /// are the text's trees, node for node.
    @Test func theEmbeddedTreesAreTheTextsTrees() throws {
        let fromText = try LineModel(text: EmbeddedModel.text).trees
        let embedded = LineModel.embedded.trees
        #expect((fromText == nil) == (embedded == nil), "run python3 train/embed_model.py after changing models/line.model")
        guard let fromText, let embedded else { return }
        #expect(embedded.names == fromText.names)
        #expect(embedded.baseline.bitPattern == fromText.baseline.bitPattern)
        #expect(embedded.feature == fromText.feature && embedded.left == fromText.left && embedded.right == fromText.right)
        #expect(embedded.missingLeft == fromText.missingLeft && embedded.roots == fromText.roots)
        #expect(embedded.threshold.map(\.bitPattern) == fromText.threshold.map(\.bitPattern))
        #expect(embedded.leafValue.map(\.bitPattern) == fromText.leafValue.map(\.bitPattern))
    }

    /// The logit as the format describes it: the words split out (`LexicalScore.words`),
    /// each key hashed whole, the buckets sorted.
    static func plainLogit(_ score: LexicalScore, _ line: [UInt8]) -> Double {
        line.withUnsafeBufferPointer { line in
            var folded = [UInt8](repeating: 0, count: max(line.count, 1))
            var ends = [Int](repeating: 0, count: line.count + 1)
            let n = folded.withUnsafeMutableBufferPointer { f in
                ends.withUnsafeMutableBufferPointer { LexicalScore.words(line, folded: f, ends: $0) }
            }
            let words = (0..<n).map { k in Array(folded[(k == 0 ? 0 : ends[k - 1])..<ends[k]]) }
            var keys: [UInt64] = []
            if words.isEmpty {
                keys.append(FNV.hash("<empty>".utf8))
            } else {
                keys += words.map { FNV.hash($0) }
                keys.append(FNV.hash(words[0], prefix: UInt8(ascii: "^")))
                keys.append(FNV.hash(words[n - 1], suffix: UInt8(ascii: "$")))
                if n <= 3 { keys.append(FNV.hash(Array("#short:".utf8) + Array(words.joined(separator: [UInt8(ascii: " ")])))) }
            }
            let mask = UInt64((1 << score.bits) - 1)
            let buckets = Array(Set(keys.map { $0 & mask })).sorted()
            let sum = buckets.reduce(0.0) { $0 + score.weights[Int($1)] }
            return score.intercept + sum / Double(buckets.count).squareRoot()
        }
    }

    /// A weight in every bucket, so that any bucket missed or added moves the sum.
    static let denseScore: LexicalScore = {
        var generator = SplitMix64(seed: 15)
        let entries = (0..<(1 << 18)).map { (bucket: $0, weight: Double(generator.next() >> 11) / Double(1 << 53) * 4 - 2) }
        return LexicalScore(bits: 18, intercept: -0.25, entries: entries)
    }()

    /// Most buckets weigh 0, as in the real table, and some -0: the fast sum skips
    /// them and must still equal adding them in order.
    static let sparseScore: LexicalScore = {
        var generator = SplitMix64(seed: 16)
        let entries = (0..<(1 << 18)).compactMap { bucket -> (bucket: Int, weight: Double)? in
            switch generator.next() % 10 {
            case 0, 1, 2: (bucket, Double(generator.next() >> 11) / Double(1 << 53) * 4 - 2)
            case 3: (bucket, -0.0)
            default: nil
            }
        }
        return LexicalScore(bits: 18, intercept: 0.125, entries: entries)
    }()

    @Test func keysHashedAsReadAreThePlainKeys() throws {
        var lines: [[UInt8]] = [
            "", " ", "—", "x", "x x", "Share this", "Read MORE: 12 comments!", "a b c", "a b c d", "a, b; c. d e f g h",
            "نظرات\u{200C}ها ۱۴۰۴، خبر", "٣ تعليقات", "新闻Élan", "新", "a新b", "新 闻 报", "한국어 뉴스", "ひらがな と カタカナ",
            "ΕΛΛΗΝΙΚΆ νέα", "Новости Москвы 2026", "Ünïcödé ÀÉÎ", " ©  — ", "tab\tseparated\u{00A0}words", "x\u{2014}y\u{3001}z",
        ].map { Array($0.utf8) }
        // Invalid and cut-off UTF-8: a lone continuation byte, a cut 3-byte character, 0xFF.
        lines += [[0x61, 0x80, 0x62], [0xE6, 0x96], [0x41, 0xE6, 0x96, 0x20, 0x42], [0xFF, 0xFE, 0x20, 0x31], [0xC3], [0xF0, 0x9F, 0x98, 0x80, 0x61]]
        lines.append(Array(String(repeating: "word ", count: 500).utf8))
        lines.append(Array((0..<300).map { "w\($0)" }.joined(separator: " ").utf8))
        // More distinct words than `DistinctBuckets` finds in its set: they are all sorted.
        let letters: [Character] = Array("abcdefghijklmnopqrstuvwxyz")
        let threeLetters: [String] = (0..<6000).map { (k: Int) -> String in
            String([letters[k % 26], letters[(k / 26) % 26], letters[(k / 676) % 26]])
        }
        lines.append(Array(threeLetters.joined(separator: " ").utf8))
        // Every line of the seeds and of the eval pages.
        for name in try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds").sorted() where name.hasSuffix(".txt") {
            lines += try readFile("seeds/" + name).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        }
        for site in try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/eval/pages").sorted() {
            for name in try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/eval/pages/" + site).sorted() {
                lines += try readFile("eval/pages/\(site)/\(name)").split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            }
        }
        // Random mixes of the characters the split treats apart.
        let pieces: [[UInt8]] = ["a", "Z", "7", " ", ".", "-", "é", "Ж", "ب", "۵", "٠", "،", "新", "ア", "한", "\u{200C}", "\u{00AB}", "\u{3002}",
                                 "\u{FF01}", "😀", "\u{FFFD}"].map { Array($0.utf8) } + [[0x80], [0xE6, 0x96], [0xFF]]
        var generator = SplitMix64(seed: 18)
        for _ in 0..<3000 {
            let length = Int(generator.next() % 40)
            lines.append((0..<length).flatMap { _ in pieces[Int(generator.next() % UInt64(pieces.count))] })
        }
        var differ = 0
        for line in lines {
            for score in [Self.denseScore, Self.sparseScore] {
                let fast = line.withUnsafeBufferPointer { score.logit($0) }
                let plain = Self.plainLogit(score, line)
                if fast.bitPattern != plain.bitPattern {
                    differ += 1
                    if differ <= 5 { Issue.record("\(String(decoding: line, as: UTF8.self)): fast \(fast), plain \(plain)") }
                }
            }
        }
        #expect(lines.count > 3000)
        #expect(differ == 0)
    }
}
