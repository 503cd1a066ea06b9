/// What one scan of a line's bytes tells the detectors: its size in characters and
/// words, its script, and how it ends. Computed once per line, from the original bytes.
public struct LineTraits: Sendable, Equatable {
    /// Unicode scalars (invalid bytes count one each).
    public var chars = 0
    /// Runs of non-space characters.
    public var words = 0
    public var arabicScript = 0
    public var latinLetters = 0
    /// پ چ ژ گ (Persian only) and ی ک (Persian forms).
    public var persianLetters = 0
    public var persianOnlyLetters = 0
    /// ة ي ك ى (Arabic forms).
    public var arabicLetters = 0
    /// ة ى: letters Persian text does not use (ي ك also appear in Persian typed on
    /// an Arabic keyboard).
    public var arabicOnlyLetters = 0
    public var digits = 0
    /// Sentence-final marks (. ! ? ؟ … ۔) followed by a space inside the line.
    public var innerSentenceBreaks = 0
    /// The line's last character (closing quotes and brackets skipped) is sentence-final.
    public var endsSentence = false
    /// The line's last character is a colon: it introduces what follows.
    public var endsWithColon = false
    /// The line starts with a list marker: "-", "•", "*", "1.", "۱-", "(a)".
    public var startsWithListMarker = false

    public init() {}

    public init(_ s: UnsafeBufferPointer<UInt8>) {
        var inWord = false
        var last: UInt32 = 0, beforeLast: UInt32 = 0
        var pendingBreak = false
        // The first three non-space scalars, for the list marker (no array: one a line
        // would cost an allocation).
        var first: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var firstCount = 0
        // Counted in locals, stored once at the end.
        var chars = 0, words = 0, breaks = 0, digits = 0, latin = 0, script = 0
        var persian = 0, persianOnly = 0, arabic = 0, arabicOnly = 0
        let table = LineTraits.classTable
        var i = 0
        let n = s.count
        while i < n {
            let scalar: UInt32
            let b = s[i]
            if b < 0x80 {
                scalar = UInt32(b)
                i += 1
            } else if b >= 0xC2, b < 0xE0, i + 1 < n, s[i + 1] & 0xC0 == 0x80 {
                // Two bytes: Arabic script, Latin-1 and the other letters of the table.
                scalar = UInt32(b & 0x1F) << 6 | UInt32(s[i + 1] & 0x3F)
                i += 2
            } else {
                let (decoded, length) = LineTraits.decode(s, at: i)
                scalar = decoded
                i += length
            }
            chars += 1
            let c = scalar < 0x800 ? table[Int(scalar)] : LineTraits.classOf(scalar)
            let isSpace = c & Class.space != 0
            if firstCount < 3, !(firstCount == 0 && isSpace) {
                switch firstCount {
                case 0: first.0 = scalar
                case 1: first.1 = scalar
                default: first.2 = scalar
                }
                firstCount += 1
            }
            if isSpace {
                inWord = false
                if pendingBreak { breaks += 1; pendingBreak = false }
                continue
            }
            if !inWord { words += 1; inWord = true }
            pendingBreak = c & Class.sentenceFinal != 0
            if c > Class.sentenceFinal {
                digits += Int(c >> 2 & 1)
                latin += Int(c >> 3 & 1)
                script += Int(c >> 4 & 1)
                persian += Int(c >> 5 & 1)
                persianOnly += Int(c >> 6 & 1)
                arabic += Int(c >> 7 & 1)
                arabicOnly += Int(c >> 8 & 1)
            }
            beforeLast = last
            last = scalar
        }
        self.chars = chars
        self.words = words
        innerSentenceBreaks = breaks
        self.digits = digits
        latinLetters = latin
        arabicScript = script
        persianLetters = persian
        persianOnlyLetters = persianOnly
        arabicLetters = arabic
        arabicOnlyLetters = arabicOnly
        // Skip one closing quote or bracket: «...؟» and "...." end sentences too.
        let final = LineTraits.isClosing(last) ? beforeLast : last
        endsSentence = LineTraits.isSentenceFinal(final)
        endsWithColon = final == 0x3A || final == 0xFF1A
        startsWithListMarker = firstCount > 0 && LineTraits.isListMarker(first.0, firstCount > 1 ? first.1 : nil, firstCount > 2 ? first.2 : 0)
    }

    /// What a character counts as, one bit each (a scalar may be several: ک is a
    /// Persian letter and Arabic script).
    enum Class {
        static let space: UInt16 = 1
        static let sentenceFinal: UInt16 = 2
        static let digit: UInt16 = 4
        static let latin: UInt16 = 8
        static let arabicScript: UInt16 = 16
        static let persian: UInt16 = 32
        static let persianOnly: UInt16 = 64
        static let arabic: UInt16 = 128
        static let arabicOnly: UInt16 = 256
    }

    /// `classOf` for every scalar below U+0800, looked up instead of worked out:
    /// nearly every character of a Persian, Arabic or English page is in it.
    static let classTable: [UInt16] = (0..<0x800).map { classOf(UInt32($0)) }

    static func classOf(_ c: UInt32) -> UInt16 {
        var bits: UInt16 = 0
        if isSpace(c) { bits |= Class.space }
        if isSentenceFinal(c) { bits |= Class.sentenceFinal }
        switch c {
        case 0x30...0x39, 0x660...0x669, 0x6F0...0x6F9: bits |= Class.digit
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: bits |= Class.latin
        case 0x67E, 0x686, 0x698, 0x6AF: bits |= Class.persianOnly | Class.persian | Class.arabicScript
        case 0x6A9, 0x6CC: bits |= Class.persian | Class.arabicScript
        case 0x629, 0x649: bits |= Class.arabicOnly | Class.arabic | Class.arabicScript
        case 0x643, 0x64A: bits |= Class.arabic | Class.arabicScript
        case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: bits |= Class.arabicScript
        default: break
        }
        return bits
    }

    /// Short, no sentence inside or at the end, not introducing what follows (a
    /// colon): how headlines, menu items and labels look.
    public var isHeadlineLike: Bool {
        words >= 1 && words <= 20 && chars <= 160 && !endsSentence && !endsWithColon && innerSentenceBreaks == 0
    }

    /// Long enough and sentence-shaped: body text, never template chrome.
    public var isProse: Bool {
        (words >= 10 && endsSentence) || words >= 25
    }

    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0x09 || c == 0xA0 || c == 0x0B || c == 0x0C || (0x2000...0x200A).contains(c) || c == 0x202F || c == 0x3000
    }

    @inline(__always)
    static func isSentenceFinal(_ c: UInt32) -> Bool {
        c == 0x2E || c == 0x21 || c == 0x3F || c == 0x61F || c == 0x2026 || c == 0x6D4
    }

    static func isClosing(_ c: UInt32) -> Bool {
        c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D || c == 0xBB || c == 0x201D || c == 0x2019
    }

    /// The line's first scalars (`second` nil for a one-character line, `third` 0
    /// when missing) start a list item.
    static func isListMarker(_ first: UInt32, _ second: UInt32?, _ third: UInt32) -> Bool {
        switch first {
        case 0x2D, 0x2022, 0x2A, 0x25CF, 0x25AA, 0x2013, 0x2014, 0xB7: return true
        default: break
        }
        func isDigit(_ c: UInt32) -> Bool { (0x30...0x39).contains(c) || (0x660...0x669).contains(c) || (0x6F0...0x6F9).contains(c) }
        guard isDigit(first), let second else { return false }
        switch second {
        case 0x2E, 0x29, 0x2D, 0x3A: return true
        default: return isDigit(second) && (third == 0x2E || third == 0x29 || third == 0x2D)
        }
    }

    /// Decodes one UTF-8 scalar; an invalid byte decodes as itself with length 1.
    @inline(__always)
    static func decode(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(s[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = s.count
        func cont(_ k: Int) -> UInt32? {
            guard i + k < n, s[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(s[i + k] & 0x3F)
        }
        switch b0 {
        case 0xC2...0xDF:
            if let c1 = cont(1) { return ((b0 & 0x1F) << 6 | c1, 2) }
        case 0xE0...0xEF:
            if let c1 = cont(1), let c2 = cont(2) { return ((b0 & 0x0F) << 12 | c1 << 6 | c2, 3) }
        case 0xF0...0xF4:
            if let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
                return ((b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
            }
        default: break
        }
        return (0xFFFD, 1)
    }
}
