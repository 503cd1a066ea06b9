/// Builds the *normalised shadow* of a line: the bytes rules match against, so one
/// rule covers the spelling variants of Arabic-script chrome. The original bytes are
/// never changed; the shadow only decides.
///
/// - Arabic ي ى ئ → Persian ی, Arabic ك → Persian ک, ة ۀ → ه, ؤ → و, أ إ آ ٱ → ا
/// - Persian (۰–۹) and Arabic-Indic (٠–٩) digits → ASCII digits
/// - tatweel (ـ), Arabic diacritics (U+064B–U+065F, U+0670), ZWJ, ZWSP, BOM and
///   bidi marks are removed
/// - ZWNJ, NBSP and other Unicode spaces → one ASCII space, so `\s*` matches a
///   phrase written with a ZWNJ, a space, or nothing at all
///
/// Invalid UTF-8 passes through byte for byte.
public enum Normalizer {
    /// Writes the shadow of `line` into `output` and returns true, or returns false
    /// (leaving `output` empty) when the line is its own shadow: the common case for
    /// Latin text, checked in one scan without copying.
    /// When `origins` is given, `origins[i]` is set to the offset in `line` of the
    /// character that produced shadow byte `i`, plus one final entry for the end.
    @discardableResult
    public static func shadow(of line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8],
                              origins: UnsafeMutablePointer<[Int]>? = nil) -> Bool {
        output.removeAll(keepingCapacity: true)
        let n = line.count
        var i = 0
        var copiedUpTo = 0   // bytes of `line` before this offset are already in `output`
        var changed = false
        func flush(to end: Int) {
            if end > copiedUpTo {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: line[copiedUpTo..<end]))
                if let origins { for k in copiedUpTo..<end { origins.pointee.append(k) } }
            }
        }
        if let origins { origins.pointee.removeAll(keepingCapacity: true) }
        while i < n {
            let b0 = line[i]
            if b0 < 0xC2 { i += 1; continue }
            let (length, replacement) = classify(line, at: i)
            if let replacement {
                if !changed { changed = true }
                flush(to: i)
                if replacement.count > 0 { output.append(replacement.first) }
                if replacement.count > 1 { output.append(replacement.second) }
                if let origins { for _ in 0..<replacement.count { origins.pointee.append(i) } }
                copiedUpTo = i + length
            }
            i += length
        }
        guard changed else {
            if let origins { origins.pointee.removeAll(keepingCapacity: true) }
            return false
        }
        flush(to: n)
        if let origins { origins.pointee.append(n) }
        return true
    }

    /// The shadow of `line` written to `destination` (room for `line.count` bytes: a
    /// shadow is never longer than its line), returning its length, or nil when the
    /// line is its own shadow. The same result as `shadow(of:into:)`, faster: a
    /// two-byte character (Arabic script, Latin-1) costs one 16-bit load and one
    /// lookup in `pairCodes`, and bytes are written straight to the destination.
    static func shadow(of line: UnsafeBufferPointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>) -> Int? {
        guard let base = line.baseAddress else { return nil }
        let n = line.count
        var i = 0
        var copiedUpTo = 0   // bytes of `line` before this offset are in `destination`
        var o = 0
        var changed = false
        // Read once: a static is checked for initialisation at every read.
        let codes = pairCodes, replacements = Normalizer.replacements
        while true {
            // The run of bytes that stay, a lookup for each two-byte character or
            // pair of ASCII bytes.
            var code: UInt8 = 0
            while i &+ 1 < n {
                code = codes[Int(UInt16(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt16.self)))]
                if code == 0 { i &+= 2; continue }
                if code == Normalizer.stayOne { i &+= 1; continue }
                break
            }
            let length: Int
            let replacement: Replacement?
            if i &+ 1 < n {   // the run stopped here: `code` is this position's
                if code != Normalizer.notAPair {
                    length = 2
                    replacement = replacements[Int(code)]
                } else {
                    (length, replacement) = classify(line, at: i)
                }
            } else if i < n, base[i] >= 0x80 {   // a last lone byte
                (length, replacement) = classify(line, at: i)
            } else {
                break
            }
            if let replacement {
                changed = true
                (destination + o).update(from: base + copiedUpTo, count: i - copiedUpTo)
                o += i - copiedUpTo
                if replacement.count > 0 { destination[o] = replacement.first; o += 1 }
                if replacement.count > 1 { destination[o] = replacement.second; o += 1 }
                copiedUpTo = i + length
            }
            i += length
        }
        guard changed else { return nil }
        (destination + o).update(from: base + copiedUpTo, count: n - copiedUpTo)
        return o + n - copiedUpTo
    }

    /// `pairCodes` for an ASCII byte followed by a non-ASCII one: the first stays.
    private static let stayOne: UInt8 = 0xFE
    /// `pairCodes` for two bytes that are not one two-byte character: `classify` decides.
    private static let notAPair: UInt8 = 0xFF

    /// For two bytes read as a little-endian UInt16 (first byte low): 0 when both
    /// stay (two ASCII bytes, or a two-byte character that stays), `stayOne`, the
    /// code in `replacements` of the two-byte character they make, or `notAPair`.
    /// 64 KB, filled with memsets and 1,920 stores; allocated once, never freed.
    nonisolated(unsafe) private static let pairCodes: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        table.initialize(repeating: notAPair, count: 0x10000)
        for second in 0..<0x100 {   // an ASCII first byte: the 128 entries of a row
            (table + second << 8).update(repeating: second < 0x80 ? 0 : stayOne, count: 0x80)
        }
        for lead in 0xC2..<0xE0 {
            for trail in 0x80..<0xC0 {
                table[trail << 8 | lead] = twoByteCodes[(lead & 0x1F) << 6 | (trail & 0x3F)]
            }
        }
        return UnsafePointer(table)
    }()

    /// The replacements `classify` gives two-byte characters, numbered from 1.
    private static let replacements: [Replacement] = [.removed, .space, .removed, .yeh, .keheh, .heh, .alef, .waw]
        + (0...9).map { Replacement.digit(UInt8($0)) }

    /// For each two-byte character (by its 11-bit scalar), the number of its
    /// replacement in `replacements`, 0 when it stays: read off `classify`, so both
    /// paths agree. A raw pointer, allocated once and never freed.
    nonisolated(unsafe) private static let twoByteCodes: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x800)
        table.initialize(repeating: 0, count: 0x800)
        for scalar in 0x80..<0x800 {
            let bytes: [UInt8] = [0xC0 | UInt8(scalar >> 6), 0x80 | UInt8(scalar & 0x3F)]
            let (_, replacement) = bytes.withUnsafeBufferPointer { classify($0, at: 0) }
            guard let replacement else { continue }
            let code = replacements.indices.dropFirst().first { replacements[$0] == replacement }
            table[scalar] = UInt8(code!)
        }
        return UnsafePointer(table)
    }()

    /// Normalises a whole string (rule patterns and examples go through here, so a
    /// pattern written with ي or ٣ matches text written with ی or 3).
    public static func normalize(_ text: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        let changed = bytes.withUnsafeBufferPointer { shadow(of: $0, into: &out) }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// Like `normalize`, also returning for each byte of the result its offset in `text`.
    public static func normalizeWithOrigins(_ text: String) -> (String, [Int]) {
        var out: [UInt8] = []
        var origins: [Int] = []
        let bytes = Array(text.utf8)
        let changed = bytes.withUnsafeBufferPointer { shadow(of: $0, into: &out, origins: &origins) }
        if !changed { return (text, Array(0...bytes.count)) }
        return (String(decoding: out, as: UTF8.self), origins)
    }

    /// What a character becomes in the shadow: up to two bytes, held inline so the
    /// per-character path allocates and retains nothing.
    struct Replacement: Equatable {
        let count: Int
        let first: UInt8
        let second: UInt8
        static let space = Replacement(count: 1, first: 0x20, second: 0)
        static let removed = Replacement(count: 0, first: 0, second: 0)
        static let yeh = Replacement(count: 2, first: 0xDB, second: 0x8C)     // ی
        static let keheh = Replacement(count: 2, first: 0xDA, second: 0xA9)   // ک
        static let heh = Replacement(count: 2, first: 0xD9, second: 0x87)     // ه
        static let alef = Replacement(count: 2, first: 0xD8, second: 0xA7)    // ا
        static let waw = Replacement(count: 2, first: 0xD9, second: 0x88)     // و
        static func digit(_ d: UInt8) -> Replacement { Replacement(count: 1, first: 0x30 + d, second: 0) }
    }

    /// Length of the UTF-8 sequence at `i` (1 for invalid bytes) and its replacement,
    /// or nil when the character stays as it is.
    @inline(__always)
    private static func classify(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Replacement?) {
        let b0 = s[i]
        let n = s.count
        func cont(_ k: Int) -> UInt8? {
            guard i + k < n else { return nil }
            let b = s[i + k]
            return b & 0xC0 == 0x80 ? b : nil
        }
        switch b0 {
        case 0xC2:
            guard let b1 = cont(1) else { return (1, nil) }
            return (2, b1 == 0xA0 ? .space : nil)                      // NBSP
        case 0xD8:
            guard let b1 = cont(1) else { return (1, nil) }
            switch b1 {
            case 0xA2, 0xA3, 0xA5: return (2, .alef)                   // آ أ إ
            case 0xA4: return (2, .waw)                                // ؤ
            case 0xA6: return (2, .yeh)                                // ئ
            case 0xA9: return (2, .heh)                                // ة
            default: return (2, nil)
            }
        case 0xD9:
            guard let b1 = cont(1) else { return (1, nil) }
            switch b1 {
            case 0x80: return (2, .removed)                               // tatweel
            case 0x83: return (2, .keheh)                              // ك
            case 0x89, 0x8A: return (2, .yeh)                          // ى ي
            case 0x8B...0x9F: return (2, .removed)                        // harakat
            case 0xA0...0xA9: return (2, Replacement.digit(b1 - 0xA0))      // ٠–٩
            case 0xB0: return (2, .removed)                               // superscript alef
            case 0xB1: return (2, .alef)                               // ٱ
            default: return (2, nil)
            }
        case 0xDB:
            guard let b1 = cont(1) else { return (1, nil) }
            switch b1 {
            case 0x80: return (2, .heh)                                // ۀ
            case 0xB0...0xB9: return (2, Replacement.digit(b1 - 0xB0))      // ۰–۹
            default: return (2, nil)
            }
        case 0xC3...0xDF:
            return cont(1) == nil ? (1, nil) : (2, nil)
        case 0xE2:
            guard let b1 = cont(1), let b2 = cont(2) else { return (1, nil) }
            if b1 == 0x80 {
                switch b2 {
                case 0x80...0x8A, 0xAF: return (3, .space)            // en/em/thin… spaces
                case 0x8C: return (3, .space)                          // ZWNJ
                case 0x8B, 0x8D, 0x8E, 0x8F, 0xAA...0xAE: return (3, .removed) // ZWSP ZWJ LRM RLM bidi
                default: return (3, nil)
                }
            }
            if b1 == 0x81, (0xA6...0xA9).contains(b2) { return (3, .removed) } // bidi isolates
            return (3, nil)
        case 0xE3:
            guard let b1 = cont(1), let b2 = cont(2) else { return (1, nil) }
            return (3, b1 == 0x80 && b2 == 0x80 ? .space : nil)        // ideographic space
        case 0xEF:
            guard let b1 = cont(1), let b2 = cont(2) else { return (1, nil) }
            return (3, b1 == 0xBB && b2 == 0xBF ? .removed : nil)         // BOM / ZWNBSP
        case 0xE0...0xEF:
            guard cont(1) != nil, cont(2) != nil else { return (1, nil) }
            return (3, nil)
        case 0xF0...0xF4:
            guard cont(1) != nil, cont(2) != nil, cont(3) != nil else { return (1, nil) }
            return (4, nil)
        default:
            return (1, nil)
        }
    }
}
