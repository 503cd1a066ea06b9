import Testing
@testable import WinnowCore

@Suite struct NormalizerTests {
    @Test(arguments: [
        ("كد خبر", "کد خبر"),                 // Arabic kaf and yeh forms
        ("علي", "علی"), ("مستشفى", "مستشفی"),
        ("انتهای‌پیام", "انتهای پیام"),        // ZWNJ becomes a space
        ("خـــبر", "خبر"),                    // tatweel
        ("كَتَبَ", "کتب"),                      // diacritics
        ("۱۴۰۴/۱۰/۰۳", "1404/10/03"), ("٢٠٢٥", "2025"),
        ("الإشارة", "الاشاره"), ("مسؤولية", "مسوولیه"),
        ("a\u{00A0}b", "a b"),
        ("plain ascii", "plain ascii"),
    ])
    func normalizes(_ input: String, _ expected: String) {
        #expect(Normalizer.normalize(input) == expected)
    }

    @Test func reportsUnchangedLinesWithoutCopying() {
        var out: [UInt8] = [1, 2, 3]
        let changed = Array("Hello world, سلام".utf8).withUnsafeBufferPointer { Normalizer.shadow(of: $0, into: &out) }
        #expect(!changed)
        #expect(out.isEmpty)
    }

    @Test func invalidUTF8PassesThroughByteForByte() {
        let bytes: [UInt8] = [0x61, 0xFF, 0xD9, 0x83, 0xD9, 0x20, 0xC0, 0x80, 0xE2, 0x80]
        var out: [UInt8] = []
        let changed = bytes.withUnsafeBufferPointer { Normalizer.shadow(of: $0, into: &out) }
        #expect(changed)
        // Only the valid ك (D9 83) changes, to ک (DA A9).
        #expect(out == [0x61, 0xFF, 0xDA, 0xA9, 0xD9, 0x20, 0xC0, 0x80, 0xE2, 0x80])
    }

    @Test func originsMapEveryShadowByteBack() {
        let (shadow, origins) = Normalizer.normalizeWithOrigins("خـبر ۱۲")
        #expect(shadow == "خبر 12")
        #expect(origins.count == shadow.utf8.count + 1)
        #expect(origins.last == "خـبر ۱۲".utf8.count)
        #expect(origins[2] == 4)   // ب comes after خ (2 bytes) and the tatweel (2 bytes)
    }

    /// The arena's fast path (`shadow(of:to:)`) gives what the general one gives, on
    /// every corpus line and on random bytes (invalid UTF-8 included).
    @Test func fastPathAgreesWithTheGeneralOne() throws {
        var generator = SplitMix64(seed: 11)
        let alphabet: [UInt8] = [0x20, 0x61, 0xC2, 0xA0, 0xD8, 0xA2, 0xA9, 0xD9, 0x80, 0x83, 0x8A, 0xA5, 0xB1, 0xDB,
                                 0x80, 0xB5, 0xDA, 0xA9, 0xE2, 0x80, 0x8C, 0x81, 0xA7, 0xE3, 0xEF, 0xBB, 0xBF, 0xF0, 0xFF]
        let random = (0..<2000).map { k in (0..<(k % 40)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] } }
        var changedLines = 0
        for bytes in try corpusLines().map { Array($0.utf8) } + random {
            var general: [UInt8] = []
            let changed = bytes.withUnsafeBufferPointer { Normalizer.shadow(of: $0, into: &general) }
            let destination = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            defer { destination.deallocate() }
            let length = bytes.withUnsafeBufferPointer { Normalizer.shadow(of: $0, to: destination) }
            #expect((length != nil) == changed, "\(bytes)")
            if let length { #expect(Array(UnsafeBufferPointer(start: destination, count: length)) == general, "\(bytes)") }
            if changed { changedLines += 1 }
        }
        #expect(changedLines > 1000)
    }
    /// The fast path reads two bytes at a time through a table (`pairCodes`): every
    /// pair of bytes, alone, after an ASCII byte (odd offset) and before a lone lead
    /// byte at the end, gives what the general path gives.
    @Test func fastPathAgreesOnEveryPairOfBytes() {
        let destination = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
        defer { destination.deallocate() }
        var disagreements: [[UInt8]] = []
        for pair in 0..<0x10000 {
            let first = UInt8(pair >> 8), second = UInt8(pair & 0xFF)
            for bytes in [[first, second], [0x61, first, second], [first, second, 0xD9], [0x20, first, second, 0x61]] {
                var general: [UInt8] = []
                let changed = bytes.withUnsafeBufferPointer { Normalizer.shadow(of: $0, into: &general) }
                let length = bytes.withUnsafeBufferPointer { Normalizer.shadow(of: $0, to: destination) }
                let fast = length.map { Array(UnsafeBufferPointer(start: destination, count: $0)) }
                if (length != nil) != changed || (changed && fast != general) { disagreements.append(bytes) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
