/// One line of a document as byte offsets into the document's buffer:
/// `start..<end` is the content, `end..<next` its terminator ("\n", "\r\n", "\r" or none).
public struct LineSpan: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var next: Int

    public var content: Range<Int> { start..<end }
    public var hasTerminator: Bool { next > end }
}

public enum LineSplitter {
    /// Splits at "\n", "\r\n" and lone "\r". Every byte of the input belongs to exactly
    /// one span, so joining the spans gives the input back.
    public static func split(_ s: UnsafeBufferPointer<UInt8>) -> [LineSpan] {
        var spans: [LineSpan] = []
        spans.reserveCapacity(s.count / 64 + 1)
        let n = s.count
        var start = 0
        var i = 0
        while i < n {
            let b = s[i]
            if b == 0x0A {
                spans.append(LineSpan(start: start, end: i, next: i + 1))
                i += 1; start = i
            } else if b == 0x0D {
                let next = (i + 1 < n && s[i + 1] == 0x0A) ? i + 2 : i + 1
                spans.append(LineSpan(start: start, end: i, next: next))
                i = next; start = i
            } else {
                i += 1
            }
        }
        if start < n { spans.append(LineSpan(start: start, end: n, next: n)) }
        return spans
    }

    /// A line that shows nothing: only spaces, tabs and invisible characters
    /// (NBSP, ZWNJ, ZWJ, ZWSP, BOM, direction marks).
    public static func isBlank(_ s: UnsafeBufferPointer<UInt8>, _ span: LineSpan) -> Bool {
        var i = span.start
        while i < span.end {
            let b = s[i]
            if b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C { i += 1; continue }
            if b < 0x80 { return false }
            let (scalar, length) = LineTraits.decode(s, at: i)
            guard LineTraits.isSpace(scalar) || isInvisible(scalar) else { return false }
            i += length
        }
        return true
    }

    static func isInvisible(_ c: UInt32) -> Bool {
        (0x200B...0x200F).contains(c) || (0x202A...0x202E).contains(c) || (0x2066...0x2069).contains(c) || c == 0xFEFF
    }
}
