/// What one scan of a line's bytes tells the detectors: its size in characters and
/// words, its script, and how it ends. Computed once per line, from the original bytes.
///
/// Kept for every line of a page, so stored narrow (28 bytes a line, not 96): the
/// counts as `UInt32`, saturated at 2^32 - 1 (a line of 4 GiB; the documents are
/// capped at 256 MiB by default), the flags in one byte. The letters that tell
/// Persian from Arabic are read per line only as "some on this line"
/// (`Language.selection`), and counted only for the page (`LetterTotals`): a
/// flag each here, not a count (16 bytes a line).
public struct LineTraits: Sendable, Equatable {
    private var counts = Counts32()
    private var flags: UInt8 = 0

    /// Unicode scalars (invalid bytes count one each).
    public var chars: Int { get { Int(counts.chars) } set { counts.chars = UInt32(clamping: newValue) } }
    /// Runs of non-space characters, plus one for every two kana or Han characters
    /// (words that no space separates).
    public var words: Int { get { Int(counts.words) } set { counts.words = UInt32(clamping: newValue) } }
    public var arabicScript: Int { get { Int(counts.arabicScript) } set { counts.arabicScript = UInt32(clamping: newValue) } }
    public var latinLetters: Int { get { Int(counts.latin) } set { counts.latin = UInt32(clamping: newValue) } }
    /// The line has پ چ ژ گ (Persian only) or ی ک (Persian forms); their counts are
    /// the page's (`LetterTotals`).
    public var hasPersianLetters: Bool { get { flag(Flag.persian) } set { set(Flag.persian, newValue) } }
    public var hasPersianOnlyLetters: Bool { get { flag(Flag.persianOnly) } set { set(Flag.persianOnly, newValue) } }
    /// The line has ة ي ك ى (Arabic forms).
    public var hasArabicLetters: Bool { get { flag(Flag.arabic) } set { set(Flag.arabic, newValue) } }
    /// The line has ة or ى: letters Persian text does not use (ي ك also appear in
    /// Persian typed on an Arabic keyboard).
    public var hasArabicOnlyLetters: Bool { get { flag(Flag.arabicOnly) } set { set(Flag.arabicOnly, newValue) } }
    public var digits: Int { get { Int(counts.digits) } set { counts.digits = UInt32(clamping: newValue) } }
    /// Sentence-final marks (. ! ? ؟ … ۔ । and others: `isSentenceFinal`) followed by a space inside the line.
    public var innerSentenceBreaks: Int { get { Int(counts.breaks) } set { counts.breaks = UInt32(clamping: newValue) } }
    /// The line's last character (closing quotes and brackets skipped) is sentence-final.
    public var endsSentence: Bool { get { flag(Flag.endsSentence) } set { set(Flag.endsSentence, newValue) } }
    /// The line's last character is a colon: it introduces what follows.
    public var endsWithColon: Bool { get { flag(Flag.endsWithColon) } set { set(Flag.endsWithColon, newValue) } }
    /// The line's last character (closing quotes and brackets skipped) is "?" or "؟".
    public var endsWithQuestion: Bool { get { flag(Flag.endsWithQuestion) } set { set(Flag.endsWithQuestion, newValue) } }
    /// The line starts with a list marker: "-", "•", "*", "1.", "۱-", "(a)".
    public var startsWithListMarker: Bool { get { flag(Flag.listMarker) } set { set(Flag.listMarker, newValue) } }

    private struct Counts32: Sendable, Equatable {
        var chars: UInt32 = 0, words: UInt32 = 0, arabicScript: UInt32 = 0, latin: UInt32 = 0, digits: UInt32 = 0
        var breaks: UInt32 = 0
    }

    private enum Flag {
        static let endsSentence: UInt8 = 1
        static let endsWithColon: UInt8 = 2
        static let listMarker: UInt8 = 4
        static let endsWithQuestion: UInt8 = 8
        static let persian: UInt8 = 16
        static let persianOnly: UInt8 = 32
        static let arabic: UInt8 = 64
        static let arabicOnly: UInt8 = 128
    }

    private func flag(_ f: UInt8) -> Bool { flags & f != 0 }
    private mutating func set(_ f: UInt8, _ on: Bool) { flags = on ? flags | f : flags & ~f }

    public init() {}

    public init(_ s: UnsafeBufferPointer<UInt8>) {
        var none = NoScalarCount()
        self.init(s, counting: &none)
    }

    /// Scans the line and, in the same pass, shows `counter` every scalar and every
    /// word start (the line model's `WordScan` counts what it needs that way; the
    /// plain init passes a counter that compiles away).
    @inline(__always)
    init<Counter: ScalarCounter>(_ s: UnsafeBufferPointer<UInt8>, counting counter: inout Counter) {
        var letters = LetterTotals()
        self.init(s, counting: &counter, letters: &letters)
    }

    /// Scans the line, adding its letters to `letters` (the page's counts).
    public init(_ s: UnsafeBufferPointer<UInt8>, letters: inout LetterTotals) {
        var none = NoScalarCount()
        self.init(s, counting: &none, letters: &letters)
    }

    /// The scan itself: `counter` as above, the line's letters added to `letters`.
    @inline(__always)
    init<Counter: ScalarCounter>(_ s: UnsafeBufferPointer<UInt8>, counting counter: inout Counter,
                                 letters: inout LetterTotals) {
        // 1 or 0: whether a word is open, whether a sentence-final mark ended it.
        var inWord: UInt64 = 0, pendingBreak: UInt64 = 0
        var last: UInt32 = 0, beforeLast: UInt32 = 0
        var chars = 0, words = 0, breaks = 0
        // The letter and digit counts, one byte lane each (see `Lane`), added up in
        // one register and moved to `sums` before a lane can overflow.
        var lanes: UInt64 = 0
        var sums = Counts()
        // The counter's shape counts, in byte lanes as the letters (`ShapeLanes`), and
        // its capitalised words: registers only, so the loop makes no call.
        var shapeLanes: UInt64 = 0
        var shapes = ShapeCounts()
        let table = LineTraits.entries
        var i = 0
        let n = s.count
        while i < n {
            // At most 255 bytes, so at most 255 characters, between two emptyings of
            // the lanes: none can overflow.
            let stop = min(n, i + 255)
            // Wrapping arithmetic: counts and offsets stay below the line's length, and
            // the overflow checks cost the loop registers it spilled.
            while i < stop {
                let scalar: UInt32
                let b = s[i]
                if b < 0x80 {
                    scalar = UInt32(b)
                    i &+= 1
                } else if b >= 0xC2, b < 0xE0, i &+ 1 < n, s[i &+ 1] & 0xC0 == 0x80 {
                    // Two bytes: Arabic script, Latin-1 and the other letters of the table.
                    scalar = UInt32(b & 0x1F) << 6 | UInt32(s[i &+ 1] & 0x3F)
                    i &+= 2
                } else {
                    let (decoded, length) = LineTraits.decode(s, at: i)
                    scalar = decoded
                    i &+= length
                }
                chars &+= 1
                let entry = scalar < LineTraits.tableSize ? table[Int(scalar)] : LineTraits.entry(scalar)
                if Counter.counts, entry & Lane.shapeMask != 0 { shapeLanes &+= ShapeLanes.of(entry) }
                // Words and sentence breaks as sums of 0s and 1s, the last scalars as
                // selects: a branch on spaces was missed at the end of most words.
                let space = entry >> Lane.spaceShift & 1
                let startsWord = (space | inWord) ^ 1
                words &+= Int(truncatingIfNeeded: startsWord)
                if Counter.counts {
                    shapes.capitalised &+= Int(truncatingIfNeeded: startsWord & entry >> Lane.upperShift)
                }
                inWord = space ^ 1
                breaks &+= Int(truncatingIfNeeded: space & pendingBreak)
                pendingBreak = (space ^ 1) & entry >> Lane.sentenceFinalShift
                lanes &+= entry & Lane.countMask   // a space adds to no count
                beforeLast = space == 0 ? last : beforeLast
                last = space == 0 ? scalar : last
            }
            sums.add(&lanes)
            if Counter.counts { shapes.add(&shapeLanes) }
        }
        if Counter.counts { counter.end(s, last: last, shapes: shapes) }
        func narrow(_ v: Int) -> UInt32 { UInt32(clamping: v) }
        // Chinese and Japanese put no space between words, whose mean length is
        // about two characters: counted by spaces, a paragraph of them would be one
        // word, never prose, and a menu item as long as a sentence.
        words &+= LineTraits.ideographs(s) / 2
        counts = Counts32(chars: narrow(chars), words: narrow(words), arabicScript: narrow(sums.arabicScript),
                          latin: narrow(sums.latin), digits: narrow(sums.digits), breaks: narrow(breaks))
        hasPersianLetters = sums.persian > 0
        hasPersianOnlyLetters = sums.persianOnly > 0
        hasArabicLetters = sums.arabic > 0
        hasArabicOnlyLetters = sums.arabicOnly > 0
        letters.arabicScript += sums.arabicScript
        letters.latinLetters += sums.latin
        letters.persianLetters += sums.persian
        letters.persianOnlyLetters += sums.persianOnly
        letters.arabicLetters += sums.arabic
        letters.arabicOnlyLetters += sums.arabicOnly
        // Skip one closing quote or bracket: «...؟» and "...." end sentences too.
        let final = LineTraits.isClosing(last) ? beforeLast : last
        endsSentence = LineTraits.isSentenceFinal(final)
        endsWithColon = final == 0x3A || final == 0xFF1A
        endsWithQuestion = final == 0x3F || final == 0x61F || final == 0xFF1F
        startsWithListMarker = LineTraits.startsWithListMarker(s)
    }

    /// A scalar's entry: one byte lane for each count it adds to (a scalar may add to
    /// several: ک is a Persian letter and Arabic script), its space and sentence-final
    /// flags in the top byte.
    enum Lane {
        static let digit: UInt64 = 1
        static let latin: UInt64 = 1 << 8
        static let arabicScript: UInt64 = 1 << 16
        static let persian: UInt64 = 1 << 24
        static let persianOnly: UInt64 = 1 << 32
        static let arabic: UInt64 = 1 << 40
        static let arabicOnly: UInt64 = 1 << 48
        /// The seven count lanes.
        static let countMask: UInt64 = (1 << 56) - 1
        static let space: UInt64 = 1 << 56
        static let spaceShift: UInt64 = 56
        static let sentenceFinal: UInt64 = 2 << 56
        static let sentenceFinalShift: UInt64 = 57
        /// What only the line model reads (`WordScan`): upper-case letters, ASCII
        /// punctuation, separators, CJK characters and CJK sentence ends.
        static let upper: UInt64 = 4 << 56
        static let upperShift: UInt64 = 58
        static let punctuation: UInt64 = 8 << 56
        static let separator: UInt64 = 16 << 56
        static let cjk: UInt64 = 32 << 56
        static let cjkBreak: UInt64 = 64 << 56
        static let shapeMask: UInt64 = punctuation | separator | cjk | cjkBreak
    }

    /// The counts, moved out of the lanes at least every 255 characters (a lane
    /// holds up to 255).
    private struct Counts {
        var digits = 0, latin = 0, arabicScript = 0, persian = 0, persianOnly = 0, arabic = 0, arabicOnly = 0

        mutating func add(_ lanes: inout UInt64) {
            guard lanes != 0 else { return }
            func lane(_ k: UInt64) -> Int { Int(lanes >> (8 * k) & 0xFF) }
            digits += lane(0); latin += lane(1); arabicScript += lane(2); persian += lane(3)
            persianOnly += lane(4); arabic += lane(5); arabicOnly += lane(6)
            lanes = 0
        }
    }

    /// The shape flags of an entry (punctuation, separator, CJK, CJK sentence end: four
    /// bits from bit 59) spread to one byte lane each: the multiply puts copies of the
    /// four bits 7 apart, so bit k lands alone at bit 8k (the copies never overlap).
    enum ShapeLanes {
        @inline(__always)
        static func of(_ entry: UInt64) -> UInt64 { (entry >> 59 & 0xF) &* 0x20_4081 & 0x0101_0101 }
    }

    /// What the line model counts in the scan (`ScalarCounter.end`).
    struct ShapeCounts {
        var capitalised = 0, punctuation = 0, separators = 0, cjk = 0, cjkBreaks = 0

        /// Moves the lanes' counts here (a lane holds up to 255).
        mutating func add(_ lanes: inout UInt64) {
            guard lanes != 0 else { return }
            punctuation &+= Int(lanes & 0xFF); separators &+= Int(lanes >> 8 & 0xFF)
            cjk &+= Int(lanes >> 16 & 0xFF); cjkBreaks &+= Int(lanes >> 24 & 0xFF)
            lanes = 0
        }
    }

    static func entry(_ c: UInt32) -> UInt64 {
        var entry: UInt64 = 0
        if isSpace(c) { entry |= Lane.space }
        if isSentenceFinal(c) { entry |= Lane.sentenceFinal }
        entry |= shapeEntry(c)
        switch c {
        case 0x30...0x39, 0x660...0x669, 0x6F0...0x6F9: entry |= Lane.digit
        // Latin-1's × and ÷ stand among its letters but are signs (a close button "×").
        case 0xD7, 0xF7: break
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: entry |= Lane.latin
        case 0x67E, 0x686, 0x698, 0x6AF: entry |= Lane.persianOnly | Lane.persian | Lane.arabicScript
        case 0x6A9, 0x6CC: entry |= Lane.persian | Lane.arabicScript
        case 0x629, 0x649: entry |= Lane.arabicOnly | Lane.arabic | Lane.arabicScript
        case 0x643, 0x64A: entry |= Lane.arabic | Lane.arabicScript
        case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: entry |= Lane.arabicScript
        default: break
        }
        return entry
    }

    /// The `WordScan` flags of a scalar (see `Lane.upper`).
    static func shapeEntry(_ c: UInt32) -> UInt64 {
        var entry: UInt64 = 0
        if (0x41...0x5A).contains(c) || ((0xC0...0xDE).contains(c) && c != 0xD7) || (0x391...0x3A9).contains(c)
            || (0x400...0x42F).contains(c) {
            entry |= Lane.upper
        }
        if c < 0x80 {
            let b = UInt8(c)
            if (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b) {
                entry |= Lane.punctuation
            }
            if c == 0x7C || c == 0x3E || c == 0x2F { entry |= Lane.separator }
            return entry
        }
        switch c {
        case 0x2022, 0xB7, 0xBB, 0x203A, 0xAB, 0x2039, 0x2013, 0x2014: entry |= Lane.separator
        case 0x3002, 0xFF01, 0xFF1F: entry |= Lane.cjkBreak
        case 0x3040...0x30FF, 0x3400...0x9FFF, 0xAC00...0xD7AF: entry |= Lane.cjk
        default: break
        }
        return entry
    }

    /// `entry` for every scalar below U+0800, looked up instead of worked out: nearly
    /// every character of a Persian, Arabic or English page is in it. A raw pointer,
    /// allocated once and never freed, so the loop reads it without bounds checks.
    static let tableSize: UInt32 = 0x800
    nonisolated(unsafe) static let entries: UnsafePointer<UInt64> = {
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: Int(tableSize))
        for c in 0..<tableSize { table[Int(c)] = entry(c) }
        return UnsafePointer(table)
    }()

    /// Whether the line's first three non-space scalars start a list item.
    static func startsWithListMarker(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var first: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var count = 0
        var i = 0
        while i < s.count && count < 3 {
            let (scalar, length) = decode(s, at: i)
            i += length
            if count == 0 && isSpace(scalar) { continue }
            switch count {
            case 0: first.0 = scalar
            case 1: first.1 = scalar
            default: first.2 = scalar
            }
            count += 1
        }
        return count > 0 && isListMarker(first.0, count > 1 ? first.1 : nil, count > 2 ? first.2 : 0)
    }

    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0x09 || c == 0xA0 || c == 0x0B || c == 0x0C || (0x2000...0x200A).contains(c) || c == 0x202F || c == 0x3000
    }

    /// . ! ? ؟ … ۔ and the ideographic 。！？
    @inline(__always)
    /// Also the danda of Hindi and the other Indic scripts (। ॥), and the full stops of
    /// Armenian (։), Ethiopic (።) and Burmese (။): their sentences end with no ".".
    static func isSentenceFinal(_ c: UInt32) -> Bool {
        c == 0x2E || c == 0x21 || c == 0x3F || c == 0x61F || c == 0x2026 || c == 0x6D4
            || c == 0x3002 || c == 0xFF01 || c == 0xFF1F
            || c == 0x964 || c == 0x965 || c == 0x589 || c == 0x1362 || c == 0x104B
    }

    /// Closing quotes and brackets, the corner brackets 」』 and the full-width ） among them.
    static func isClosing(_ c: UInt32) -> Bool {
        c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D || c == 0xBB || c == 0x201D || c == 0x2019
            || c == 0x300D || c == 0x300F || c == 0xFF09
    }

    /// The kana and Han characters of a line. Counted apart from the scan's loop,
    /// which any more work slows on every line (callgrind: 5% more instructions in
    /// it for a count inside). Their lead bytes are E3–E9 (U+3000–U+9FFF): a line
    /// with no byte above E2, as nearly every Persian, Arabic or English line, is
    /// ruled out eight bytes at a time.
    static func ideographs(_ s: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = s.baseAddress, LineTraits.hasByteAboveE2(UnsafeRawPointer(base), s.count) else { return 0 }
        var count = 0, i = 0
        while i < s.count {
            let (scalar, length) = decode(s, at: i)
            count &+= isIdeograph(scalar) ? 1 : 0
            i &+= length
        }
        return count
    }

    /// Whether a byte of the `count` at `p` is above E2. Per byte lane of a word: the
    /// low seven bits plus 1D carry into the top bit when they exceed 62, and that
    /// counts where the byte's own top bit is set (no lane carries into the next).
    static func hasByteAboveE2(_ p: UnsafeRawPointer, _ count: Int) -> Bool {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, top: UInt64 = 0x8080_8080_8080_8080, add: UInt64 = 0x1D1D_1D1D_1D1D_1D1D
        func above(_ x: UInt64) -> Bool { ((x & low) &+ add) & x & top != 0 }
        guard count >= 8 else {
            for i in 0..<count where p.load(fromByteOffset: i, as: UInt8.self) > 0xE2 { return true }
            return false
        }
        var i = 0
        while i &+ 8 <= count {
            if above(p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i &+= 8
        }
        // The tail, in the last eight bytes (some read twice).
        return i < count && above(p.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
    }

    /// Kana and Han (U+3040–U+9FFF): scripts written without spaces between words.
    /// Hangul is not among them: Korean spaces its words.
    @inline(__always)
    static func isIdeograph(_ c: UInt32) -> Bool { c &- 0x3040 <= 0x9FFF - 0x3040 }

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

/// Counts what `LineTraits` scans, in the same pass: lets another count share it.
protocol ScalarCounter {
    /// Whether the counter wants the counts: false compiles the counting away.
    static var counts: Bool { get }
    /// The line's shape counts and its last non-space scalar (0 when none).
    mutating func end(_ line: UnsafeBufferPointer<UInt8>, last: UInt32, shapes: LineTraits.ShapeCounts)
}

/// Counts nothing: the plain `LineTraits` scan.
struct NoScalarCount: ScalarCounter {
    static var counts: Bool { false }
    @inline(__always) mutating func end(_ line: UnsafeBufferPointer<UInt8>, last: UInt32, shapes: LineTraits.ShapeCounts) {}
}

extension LineTraits {
    /// The traits in 64 bits, a byte a count and the flags in the seventh byte, when
    /// every count fits in a byte (a line of under 256 characters: no count exceeds
    /// `chars`); nil for a longer line. The top bit is never set (`LineTraitsList`
    /// marks its other lines with it).
    @inline(__always)
    var packed: UInt64? {
        let c = counts
        guard c.chars | c.words | c.arabicScript | c.latin | c.digits | c.breaks <= 0xFF else { return nil }
        return UInt64(c.chars) | UInt64(c.words) << 8 | UInt64(c.arabicScript) << 16 | UInt64(c.latin) << 24
            | UInt64(c.digits) << 32 | UInt64(c.breaks) << 40 | UInt64(flags) << 48
    }

    @inline(__always)
    init(packed p: UInt64) {
        counts = Counts32(chars: UInt32(truncatingIfNeeded: p & 0xFF), words: UInt32(truncatingIfNeeded: p >> 8 & 0xFF),
                          arabicScript: UInt32(truncatingIfNeeded: p >> 16 & 0xFF), latin: UInt32(truncatingIfNeeded: p >> 24 & 0xFF),
                          digits: UInt32(truncatingIfNeeded: p >> 32 & 0xFF), breaks: UInt32(truncatingIfNeeded: p >> 40 & 0xFF))
        flags = UInt8(truncatingIfNeeded: p >> 48)
    }
}
