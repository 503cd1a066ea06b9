import Testing
@testable import WinnowCore

/// The word-at-a-time UTF-8 check must say what the standard says for every
/// byte sequence: Swift's own validation is the reference.
@Suite struct UTF8ValidationTests {
    static func reference(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    static func fast(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } }

    /// Valid pieces of each length and invalid ones of each kind.
    static let valid: [[UInt8]] = [[0x61], [0x20], [0x7F], [0xC2, 0x80], [0xD8, 0xA8], [0xDF, 0xBF], [0xE2, 0x80, 0x8C],
                                   [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
                                   [0xF4, 0x8F, 0xBF, 0xBF], [0xF0, 0x9F, 0x98, 0x80]]
    static let invalid: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xC2, 0xC2, 0x80],
                                     [0xDF, 0xC0], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
                                     [0xED, 0xBF, 0xBF], [0xE2, 0x80], [0xE2, 0x41, 0x80], [0xF0, 0x80, 0x80, 0x80],
                                     [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
                                     [0xF0, 0x90, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF]]

    /// Each invalid piece at every offset modulo 8 (and past the first word) inside
    /// ASCII, two-byte and mixed text, and each valid piece there too.
    @Test func everyPieceAtEveryOffset() {
        let fillers: [[UInt8]] = [Array("abcdefghijklmnopqrstuvwx".utf8), Array("بهبود تجربه شما".utf8),
                                  Array("Año ب€ x😀 یک".utf8)]
        for filler in fillers {
            for piece in UTF8ValidationTests.valid + UTF8ValidationTests.invalid {
                for offset in 0...17 {
                    // Cut the filler where a character starts, so only the piece can be wrong.
                    var cut = min(offset, filler.count)
                    while cut > 0 && cut < filler.count && filler[cut] & 0xC0 == 0x80 { cut -= 1 }
                    let bytes = Array(filler[..<cut]) + piece + filler
                    #expect(UTF8ValidationTests.fast(bytes) == UTF8ValidationTests.reference(bytes), "\(bytes)")
                    // And at the very end: a cut-off character there is an error too.
                    let atEnd = Array(filler[..<cut]) + piece
                    #expect(UTF8ValidationTests.fast(atEnd) == UTF8ValidationTests.reference(atEnd), "\(atEnd)")
                }
            }
        }
    }

    /// A byte of 0x80 or more alone at each offset of ASCII text: always invalid.
    @Test func aStrayHighByteAnywhere() {
        for high in [0x80, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF] as [UInt8] {
            for offset in 0..<24 {
                var bytes = [UInt8](repeating: 0x41, count: 24)
                bytes[offset] = high
                #expect(!UTF8ValidationTests.fast(bytes), "\(high) at \(offset)")
            }
        }
    }

    /// Random mixtures of the pieces, lengths around the 8-byte words.
    @Test func randomMixtures() {
        var x: UInt64 = 0x9E37_79B9
        func next(_ n: Int) -> Int {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(x >> 33) % n
        }
        let pieces = UTF8ValidationTests.valid + UTF8ValidationTests.valid + [[0xD9, 0x85], [0xDB, 0x8C], [0x20]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(14) { bytes += pieces[next(pieces.count)] }
            // Half of them get one wrong piece or one random byte somewhere.
            switch next(4) {
            case 0: bytes.insert(contentsOf: UTF8ValidationTests.invalid[next(UTF8ValidationTests.invalid.count)],
                                 at: next(bytes.count + 1))
            case 1: if !bytes.isEmpty { bytes[next(bytes.count)] = UInt8(next(256)) }
            default: break
            }
            #expect(UTF8ValidationTests.fast(bytes) == UTF8ValidationTests.reference(bytes), "\(bytes)")
        }
    }

    /// The word test alone: its three answers on words built by hand.
    @Test func theWordStep() {
        func word(_ bytes: [UInt8]) -> UInt64 {
            bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        #expect(UTF8Validation.twoByteStep(word(Array("abcdefgh".utf8))) == 8)
        #expect(UTF8Validation.twoByteStep(word([0xD8, 0xA8, 0x20, 0xD9, 0x85, 0xDB, 0x8C, 0x20])) == 8)
        #expect(UTF8Validation.twoByteStep(word([0x20, 0xD8, 0xA8, 0x20, 0xD9, 0x85, 0x20, 0xDB])) == 7)
        #expect(UTF8Validation.twoByteStep(word([0x20, 0xD8, 0xA8, 0x20, 0xD9, 0x85, 0x20, 0xC1])) == 0)
        #expect(UTF8Validation.twoByteStep(word([0xA8, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20])) == 0)
        #expect(UTF8Validation.twoByteStep(word([0xE2, 0x80, 0x8C, 0x20, 0x20, 0x20, 0x20, 0x20])) == 0)
        #expect(UTF8Validation.twoByteStep(word([0x20, 0xC0, 0x80, 0x20, 0x20, 0x20, 0x20, 0x20])) == 0)
        #expect(UTF8Validation.twoByteStep(word([0x20, 0xD8, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20])) == 0)
    }
}
