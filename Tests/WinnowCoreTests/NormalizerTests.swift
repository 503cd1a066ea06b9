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
}
