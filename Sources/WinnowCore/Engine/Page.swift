/// A document split into lines with what the rules and detectors need to know
/// about each: blank or not, its traits, its place among the non-blank lines, and
/// where the body (first to last prose line) stands.
public struct Page {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let spans: [LineSpan]
    public let blank: [Bool]
    public let traits: [LineTraits]
    /// Position of each line among the non-blank lines (blank lines get the next one's).
    public let ordinal: [Int]
    public let nonBlankCount: Int
    /// First and last prose line, or nil when the page has no prose. The cleaner
    /// moves them to the first and last prose line it keeps (see `Cleaner.clean`).
    public internal(set) var firstProse: Int?
    public internal(set) var lastProse: Int?

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        spans = LineSplitter.split(bytes)
        var blank = [Bool](), traits = [LineTraits](), ordinal = [Int]()
        blank.reserveCapacity(spans.count); traits.reserveCapacity(spans.count); ordinal.reserveCapacity(spans.count)
        var count = 0
        for span in spans {
            let isBlank = LineSplitter.isBlank(bytes, span)
            blank.append(isBlank)
            traits.append(isBlank ? LineTraits() : LineTraits(UnsafeBufferPointer(rebasing: bytes[span.content])))
            ordinal.append(count)
            if !isBlank { count += 1 }
        }
        self.blank = blank
        self.traits = traits
        self.ordinal = ordinal
        self.nonBlankCount = count
        firstProse = traits.firstIndex { $0.isProse }
        lastProse = traits.lastIndex { $0.isProse }
    }

    public var count: Int { spans.count }

    public func line(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[spans[i].content])
    }

    /// Whether a rule with `scope` may fire on line `i`.
    func allows(_ scope: RuleScope, at i: Int) -> Bool {
        switch scope {
        case .anywhere: return true
        case .head: return firstProse.map { i < $0 } ?? true
        case .tail: return lastProse.map { i > $0 } ?? true
        case .edges: return allows(.head, at: i) || allows(.tail, at: i)
        case .first(let n): return ordinal[i] < n
        case .last(let n): return nonBlankCount - ordinal[i] <= n
        }
    }

    /// A line that reads like a person's name: one to four words, no digits, no
    /// sentence or label punctuation.
    func isNameLike(_ i: Int) -> Bool {
        let t = traits[i]
        return !blank[i] && t.words >= 1 && t.words <= 4 && t.chars <= 40 && t.digits == 0
            && !t.endsSentence && !t.endsWithColon
    }
}
