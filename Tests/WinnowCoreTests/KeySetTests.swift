import Testing
@testable import WinnowCore

/// `KeySet` answers as a `Set` of the same keys would.
@Suite struct KeySetTests {
    @Test func findsItsKeysAndNoOthers() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 7, 8, 9, 100, 1000] {
            let keys = (0..<count).map { _ in UInt64.random(in: 1...UInt64.max, using: &generator) }
            let set = KeySet(keys)
            for key in keys { #expect(set.contains(key)) }
            let reference = Set(keys)
            for _ in 0..<2000 {
                let other = UInt64.random(in: 1...UInt64.max, using: &generator)
                #expect(set.contains(other) == reference.contains(other))
            }
            #expect(!set.contains(0))
        }
    }

    /// Keys that share a home slot (consecutive small numbers cluster too) and the key 0.
    @Test func collidingKeysAndZero() {
        let keys = (0..<64).map { UInt64($0) << 40 } + (0..<64).map { UInt64($0) }
        let set = KeySet(keys)
        for key in keys { #expect(set.contains(key)) }
        for key in (64..<200).map({ UInt64($0) }) { #expect(!set.contains(key)) }
        #expect(!KeySet([1, 2]).contains(0))
    }

    /// Every stopword of every language's list is found; words of one or two
    /// letters that are no stopwords are not.
    @Test func stopwordsAreFound() {
        for language in Language.allCases {
            for word in language.stopwords.split(separator: " ") where !word.isEmpty {
                let bytes = Array(Normalizer.normalize(String(word)).utf8)
                #expect(Stopwords.hashes.contains(ContentWords.hash(bytes[...])), "\(language): \(word)")
            }
        }
        for word in ["zq", "xj", "qq", "ژژ", "ثث"] {
            #expect(!Stopwords.hashes.contains(ContentWords.hash(Array(word.utf8)[...])), "\(word)")
        }
    }
}
