#if canImport(Glibc)
import Glibc
#endif

/// Tells which encoding a document's bytes are in, for `--input-encoding auto`.
/// Valid UTF-8 without NUL bytes costs one pass and nothing else; only other
/// documents are looked at more closely:
/// - UTF-32 and UTF-16 by their byte-order mark, or without one by the pattern of
///   NUL (and script-block) bytes in every second or fourth byte;
/// - Windows-1256 and ISO-8859-6 (Arabic script, 8 bits) by byte statistics: most
///   bytes above 0x7F are Arabic letters, marks or punctuation in that code page;
/// - binary when more than one byte in twenty is a control byte;
/// - anything else is text as it is (invalid UTF-8 bytes pass through unchanged),
///   with a warning when over one byte in a hundred is invalid.
public enum EncodingDetector {
    public enum Verdict: Equatable, Sendable {
        /// UTF-8 (or undecided text): use the bytes as they are.
        case utf8
        /// Convert from this encoding (an iconv name); `bom` bytes to drop first.
        case other(String, bom: Int)
        /// Text with more than one byte in a hundred outside valid UTF-8 (Latin-1,
        /// say): used as it is, with a warning (`InputText`).
        case invalidUTF8(bytes: Int)
        case binary(String)
    }

    public static func detect(_ b: UnsafeBufferPointer<UInt8>) -> Verdict {
        // memchr: the byte loop it replaces cost 5 instructions a byte.
        let nul = b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false
        if !nul && isValidUTF8(b) { return .utf8 }
        if let unicode = unicodeForm(b) { return unicode }
        if !nul, let arabic = arabicCodePage(b) { return .other(arabic, bom: 0) }
        var control = 0
        for byte in b where byte < 0x20 && !(0x09...0x0D).contains(byte) && byte != 0x1B || byte == 0x7F { control += 1 }
        if control * 20 > b.count { return .binary(nul ? "NUL bytes" : "control bytes") }
        let invalid = invalidBytes(b)
        return invalid * 100 > b.count ? .invalidUTF8(bytes: invalid) : .utf8
    }

    /// The bytes that are not part of a valid UTF-8 sequence.
    public static func invalidBytes(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var invalid = 0, i = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            let length = utf8Length(b, i)
            if length == 0 { invalid += 1; i += 1 } else { i += length }
        }
        return invalid
    }

    public static func detect(_ bytes: [UInt8]) -> Verdict { bytes.withUnsafeBufferPointer { detect($0) } }

    /// Whether every byte is part of a valid UTF-8 sequence (`UTF8Validation`).
    public static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool { UTF8Validation.isValid(b) }

    /// Length of a valid UTF-8 sequence at `i` (no overlongs, surrogates or values
    /// past U+10FFFF), or 0.
    public static func utf8Length(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b0 = b[i]
        let length = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xC2 && b0 <= 0xDF ? 2 : 0
        guard length > 0, i + length <= b.count else { return 0 }
        for k in 1..<length where b[i + k] & 0xC0 != 0x80 { return 0 }
        let b1 = b[i + 1]
        if b0 == 0xE0 && b1 < 0xA0 || b0 == 0xED && b1 >= 0xA0 || b0 == 0xF0 && b1 < 0x90 || b0 == 0xF4 && b1 >= 0x90 { return 0 }
        return length
    }

    /// UTF-32 or UTF-16, by byte-order mark or by the bytes that are NUL (or one
    /// script block's high byte) in every code unit.
    static func unicodeForm(_ b: UnsafeBufferPointer<UInt8>) -> Verdict? {
        let n = b.count
        if n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 { return .other("UTF-32LE", bom: 4) }
        if n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF { return .other("UTF-32BE", bom: 4) }
        if n >= 2 && b[0] == 0xFF && b[1] == 0xFE { return .other("UTF-16LE", bom: 2) }
        if n >= 2 && b[0] == 0xFE && b[1] == 0xFF { return .other("UTF-16BE", bom: 2) }
        // Without a mark, a pattern needs some text to stand out (`A\0B\n` is not UTF-16).
        let sample = min(n, 1 << 16) & ~3
        guard sample >= 32 else { return nil }
        // UTF-32: the top byte of every unit is NUL and the next one (the plane) 0 or 1.
        var le32 = 0, be32 = 0
        for u in stride(from: 0, to: sample, by: 4) {
            if b[u + 3] == 0 && b[u + 2] <= 0x01 { le32 += 1 }
            if b[u] == 0 && b[u + 1] <= 0x01 { be32 += 1 }
        }
        let units32 = sample / 4
        if le32 * 100 >= units32 * 98 && le32 > be32 { return .other("UTF-32LE", bom: 0) }
        if be32 * 100 >= units32 * 98 && be32 > le32 { return .other("UTF-32BE", bom: 0) }
        // UTF-16: the high byte of nearly every unit is NUL or the text's script block,
        // and NUL in a good share of them (spaces, digits, punctuation, Latin text).
        for (high, name) in [(1, "UTF-16LE"), (0, "UTF-16BE")] {
            var counts = [Int](repeating: 0, count: 256)
            for u in stride(from: high, to: sample, by: 2) { counts[Int(b[u])] += 1 }
            let units = sample / 2
            let block = counts[1...].max() ?? 0
            var lowNUL = 0
            for u in stride(from: 1 - high, to: sample, by: 2) where b[u] == 0 { lowNUL += 1 }
            if counts[0] * 10 >= units && (counts[0] + block) * 100 >= units * 95 && lowNUL * 20 < units {
                return .other(name, bom: 0)
            }
        }
        return nil
    }

    /// Windows-1256 or ISO-8859-6 when at least 16 bytes are above 0x7F, most of them
    /// do not form UTF-8 sequences, and at least 85 % of them (not counting no-break
    /// spaces) are Arabic letters, marks or punctuation in that code page: the one
    /// with the higher share. Common letters fall on bytes the other page leaves
    /// unassigned or gives to Latin letters (ISO ه و ى ي at E7-EA are é-like letters
    /// in 1256; 1256's غ ـ ف ق ك at DB-DF are unassigned in ISO), so the two differ.
    ///
    /// And not when over one in ten of them touches an ASCII letter: Arabic words are
    /// runs of high bytes between spaces and punctuation, while Latin-1's é, ñ, ü
    /// stand alone inside ASCII words ("présenté", "niños"), on bytes that are Arabic
    /// letters in both pages.
    static func arabicCodePage(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var high = 0, neutral = 0, inUTF8 = 0, win = 0, iso = 0, insideLatin = 0
        var i = 0
        func isASCIILetter(_ k: Int) -> Bool { k >= 0 && k < b.count && (b[k] | 0x20) &- 0x61 < 26 }
        while i < b.count {
            let byte = b[i]
            if byte < 0x80 { i += 1; continue }
            let length = utf8Length(b, i)
            if length > 0 { inUTF8 += length; high += length; i += length; continue }
            high += 1
            if byte == 0xA0 { neutral += 1 }
            if isASCIILetter(i - 1) || isASCIILetter(i + 1) { insideLatin += 1 }
            if windows1256Arabic[Int(byte - 0x80)] { win += 1 }
            if iso88596Arabic[Int(byte - 0x80)] { iso += 1 }
            i += 1
        }
        let counted = high - neutral
        guard high >= 16, inUTF8 * 2 < high, counted > 0, insideLatin * 10 <= counted else { return nil }
        let best = max(win, iso)
        guard best * 100 >= counted * 85 else { return nil }
        return win >= iso ? "WINDOWS-1256" : "ISO-8859-6"
    }

    /// Bytes 0x80-0xFF: Arabic-script letters, marks and punctuation in Windows-1256.
    static let windows1256Arabic: [Bool] = (0x80...0xFF).map { byte in
        [0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x98, 0x9A, 0x9F, 0xA1, 0xAA, 0xBA, 0xBF, 0xC0, 0xE1, 0xEC, 0xED,
         0xF5, 0xF6, 0xF8, 0xFA].contains(byte)
            || (0xC1...0xD6).contains(byte) || (0xD8...0xDF).contains(byte) || (0xE3...0xE6).contains(byte)
            || (0xF0...0xF3).contains(byte)
    }

    /// Bytes 0x80-0xFF: Arabic letters, marks and punctuation in ISO-8859-6.
    static let iso88596Arabic: [Bool] = (0x80...0xFF).map { byte in
        [0xAC, 0xBB, 0xBF].contains(byte) || (0xC1...0xDA).contains(byte) || (0xE0...0xF2).contains(byte)
    }
}
