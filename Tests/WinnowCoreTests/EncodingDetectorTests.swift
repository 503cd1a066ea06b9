import Foundation
import Testing
@testable import WinnowCore

@Suite struct EncodingDetectorTests {
    /// Every seed and eval page is UTF-8 and must stay on the fast path (no conversion),
    /// so outputs on UTF-8 input do not change.
    @Test func utf8PagesNeedNoWork() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let fm = FileManager.default
        var paths = try fm.contentsOfDirectory(atPath: root + "/seeds").filter { $0.hasSuffix(".txt") }.map { root + "/seeds/" + $0 }
        for site in try fm.contentsOfDirectory(atPath: root + "/eval/pages") {
            paths += try fm.contentsOfDirectory(atPath: root + "/eval/pages/" + site).map { root + "/eval/pages/" + site + "/" + $0 }
        }
        #expect(paths.count > 10)
        for path in paths {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(EncodingDetector.detect(bytes) == .utf8, "\(path)")
        }
        // Invalid bytes inside UTF-8 text, a stray NUL: still text as it is.
        // A few invalid bytes are text as it is; more than one in a hundred are said.
        let sentence = Array("Prices rose again this week, and the markets closed higher on Friday. ".utf8)
        #expect(EncodingDetector.detect(sentence + [0xFF] + sentence) == .utf8)
        #expect(EncodingDetector.detect(Array("Prices rose ".utf8) + [0xFF, 0xFE, 0xC3] + Array(" again.\n".utf8)) == .invalidUTF8(bytes: 3))
        // Latin-1 French: every accented letter is one invalid byte.
        #expect(EncodingDetector.detect(Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me br".utf8) + [0xFB, 0x6C, 0xE9, 0x65])
                == .invalidUTF8(bytes: 4))
        #expect(EncodingDetector.detect([0x41, 0x00, 0x42, 0x0A]) == .binary("NUL bytes"))
        #expect(EncodingDetector.detect(Array("Title\n".utf8) + [0x41, 0x00, 0x42, 0x0A] + Array("×\nAfter the NUL line.\n".utf8)) == .utf8)
    }

    /// Latin-1 text whose accented letters are Arabic letters in Windows-1256 or
    /// ISO-8859-6 (é è à ç in ISO, á í ó ñ in 1256) is not taken for Arabic: those
    /// letters stand inside ASCII words, Arabic ones make words of their own.
    @Test func latinOneIsNotTakenForAnArabicCodePage() {
        func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8($0.value) } }
        let pages = [
            "Le gouvernement a présenté mercredi un nouveau projet de loi sur l'énergie. Selon le ministère, les ménages pourront bénéficier d'aides plus élevées dès l'année prochaine. Les élus de l'opposition ont critiqué une réforme jugée trop tardive et mal préparée.\n",
            "El gobierno anunció ayer una nueva política económica para la región. La decisión fue tomada después de una reunión en la capital del país. Según los expertos, la situación requerirá más inversión pública. Los niños tendrán acceso a educación gratuita.\n",
            "O governo anunciou ontem uma nova política econômica para a região. A decisão foi tomada após uma reunião na capital do país, e a situação exigirá mais investimento público em educação e saúde.\n",
            "Il governo ha annunciato ieri una nuova politica economica: la città avrà più servizi, e la società civile potrà partecipare alle attività già previste per la metà dell'anno. Perché è così difficile?\n",
        ]
        for page in pages {
            guard case .invalidUTF8 = EncodingDetector.detect(latin1(page)) else {
                Issue.record("\(EncodingDetector.detect(latin1(page))) for \(page.prefix(30))")
                continue
            }
        }
    }

    @Test func utf8ValidationRejectsOverlongsAndSurrogates() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF5, 0xAB, 0x99], [0xFF, 0xA9, 0x99]] {
            #expect(!bad.withUnsafeBufferPointer { EncodingDetector.isValidUTF8($0) }, "\(bad)")
        }
        #expect(Array("a×ب€😀".utf8).withUnsafeBufferPointer { EncodingDetector.isValidUTF8($0) })
    }

    @Test func pathBytesRoundTripAnyName() {
        var x: UInt32 = 9
        for _ in 0..<500 {
            let count = Int(x % 12) + 1
            var name: [UInt8] = []
            for _ in 0..<count { x = x &* 1_103_515_245 &+ 12345; name.append(UInt8(truncatingIfNeeded: x >> 16) | 1) }
            let text = name.withUnsafeBufferPointer { PathBytes.string($0) }
            #expect(PathBytes.bytes(text) == name, "\(name)")
        }
        #expect(PathBytes.bytes("plain/ascii and ×") == Array("plain/ascii and ×".utf8))
    }
}
