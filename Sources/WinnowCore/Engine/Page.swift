/// A document split into lines with what the rules and detectors need to know
/// about each: blank or not, its traits, its kind (prose, headline-like, ...), its
/// place among the non-blank lines, and where the body (first to last prose line)
/// stands. Facts only: what a pass of the cleaner decides or assumes is in
/// `PassState` and the fates.
public struct Page {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let spans: [LineSpan]
    public let blank: [Bool]
    /// Each line's traits, 8 bytes a line for a short one (`LineTraitsList`).
    public let traits: LineTraitsList
    /// Each line's kind, from the classifier the page was built with: what the rules
    /// and detectors read, never the traits' thresholds themselves.
    public private(set) var kinds: [LineKind] = []
    /// Every 64th line's position among the non-blank lines: `ordinal(i)` counts on
    /// from it (a position for every line cost 4 bytes a line, read only by `first N`
    /// and `last N` rules and the body's bounds).
    private let ordinalMarks: [Int32]
    public let nonBlankCount: Int
    /// The page's letters, counted as its lines are scanned (`Language.detect`).
    public let letters: LetterTotals
    /// The body as written: first and last prose line of it (`bodyBounds`), or nil
    /// when the page has no prose. The passes move it (`PassState`).
    public private(set) var body: (first: Int, last: Int)?
    /// Each line's normalised shadow.
    let shadows: ShadowArena
    /// What the line model reads of each line beyond its traits, when the page was
    /// built for a model (`scanWords`), else empty. The original bytes' counts are
    /// made here, in the traits' scan; the shadow's by `TopicModel.words(of:scans:)`.
    var wordScans = WordScans()
    /// Whether it was built for a model (a page without lines serves either way).
    var scansWords: Bool { wordScans.count > 0 || count == 0 }

    /// The page with its lines' kinds from `kinds` (once, for the whole page).
    public init(_ bytes: UnsafeBufferPointer<UInt8>, kinds: any LineKindClassifier = HeuristicLineKinds()) {
        self.init(bytes, scanWords: false, kinds: kinds)
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, scanWords: Bool, kinds classifier: any LineKindClassifier = HeuristicLineKinds()) {
        self.bytes = bytes
        spans = LineSplitter.split(bytes)
        var blank = [Bool](), lineTraits = LineTraitsList.Builder(capacity: spans.count), marks = [Int32]()
        blank.reserveCapacity(spans.count); marks.reserveCapacity(spans.count / 64 + 1)
        var scans = scanWords ? WordScans(count: spans.count) : WordScans()
        var count = 0
        var letters = LetterTotals()
        for (i, span) in spans.enumerated() {
            let isBlank = LineSplitter.isBlank(bytes, span)
            blank.append(isBlank)
            let line = UnsafeBufferPointer(rebasing: bytes[span.content])
            if isBlank {
                lineTraits.append(LineTraits())
            } else if scanWords {
                var scan = WordScan()
                lineTraits.append(Page.scan(line, counting: &scan, letters: &letters))
                scans[i] = scan
            } else {
                lineTraits.append(Page.scan(line, letters: &letters))
            }
            if i & 63 == 0 { marks.append(Int32(truncatingIfNeeded: count)) }
            if !isBlank { count += 1 }
        }
        wordScans = scans
        self.blank = blank
        self.traits = lineTraits.build()
        self.ordinalMarks = marks
        self.nonBlankCount = count
        self.letters = letters
        shadows = ShadowArena(bytes, spans: spans, blank: blank)
        (kinds, body) = Page.kindsAndBody(self, classifier)
    }

    /// The lines' kinds, and the body's bounds from the prose lines among them.
    @inline(never)
    private static func kindsAndBody(_ page: Page, _ classifier: any LineKindClassifier)
        -> ([LineKind], (first: Int, last: Int)?) {
        let kinds = classifier.kinds(of: page)
        precondition(kinds.count == page.count, "a LineKindClassifier gives one kind a line")
        // Counted first: one allocation, not one a doubling.
        var prose: [Int] = []
        prose.reserveCapacity(kinds.reduce(0) { $0 + ($1.isProse ? 1 : 0) })
        for i in kinds.indices where kinds[i].isProse { prose.append(i) }
        return (kinds, bodyBounds(prose: prose, blank: page.blank))
    }

    /// One line's scan, in a function of its own: the scan loop keeps its registers
    /// whatever `init` around it holds (inlined there, it took up to 5 more
    /// instructions a character once the traits were stored packed).
    @inline(never)
    private static func scan(_ line: UnsafeBufferPointer<UInt8>, counting scan: inout WordScan,
                             letters: inout LetterTotals) -> LineTraits {
        LineTraits(line, counting: &scan, letters: &letters)
    }

    @inline(never)
    private static func scan(_ line: UnsafeBufferPointer<UInt8>, letters: inout LetterTotals) -> LineTraits {
        LineTraits(line, letters: &letters)
    }

    /// Non-prose lines that may stand between two prose lines of one body.
    static let bodyGap = 10

    /// The body: the run of prose lines (no more than `bodyGap` other non-blank lines
    /// between neighbours) holding the most prose lines. A cookie notice above a long
    /// menu, or a copyright sentence under the comments, is outside it.
    /// Here with the page's own positions. Not inlined: `init` stays as lean
    /// as it was (inlined, its scan loop cost 4 M more instructions on 1.5 MB).
    @inline(never)
    static func bodyBounds(prose: [Int], blank: [Bool]) -> (first: Int, last: Int)? {
        // The prose lines' positions, in one sweep.
        var places: [Int] = []
        places.reserveCapacity(prose.count)
        var n = 0, j = 0
        for line in prose {
            while j < line { if !blank[j] { n += 1 }; j += 1 }
            places.append(n)
        }
        return bodyBounds(prose: prose) { places[$0] }
    }

    /// Line `i`'s position among the non-blank lines (blank lines get the next one's).
    public func ordinal(_ i: Int) -> Int { Page.ordinal(i, blank: blank, marks: ordinalMarks) }

    private static func ordinal(_ i: Int, blank: [Bool], marks: [Int32]) -> Int {
        var n = Int(marks[i >> 6])
        for j in (i & ~63)..<i where !blank[j] { n += 1 }
        return n
    }

    /// The same, with `place(k)` the position of `prose[k]` among the non-blank (or
    /// kept) lines: no array of every line's position is needed.
    @inline(__always)
    static func bodyBounds(prose: [Int], place: (Int) -> Int) -> (first: Int, last: Int)? {
        guard var start = prose.first else { return nil }
        var best = (first: start, last: start, count: 1)
        var count = 1
        for k in prose.indices.dropFirst() {
            let line = prose[k]
            if place(k) - place(k - 1) - 1 > bodyGap {
                start = line
                count = 1
            } else {
                count += 1
            }
            if count > best.count { best = (start, line, count) }
        }
        return (best.first, best.last)
    }

    public var count: Int { spans.count }

    public func line(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[spans[i].content])
    }

    /// The line as rules see it: its normalised shadow.
    public func shadow(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        shadows.shadow(i) ?? line(i)
    }

    /// Whether the shadow differs from the line.
    func hasOwnShadow(_ i: Int) -> Bool { shadows.shadow(i) != nil }
}
