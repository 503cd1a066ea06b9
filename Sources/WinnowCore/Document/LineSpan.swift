#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        guard let base = s.baseAddress else { return spans }
        let n = s.count
        // Sized exactly (one span a "\n", and one more): grown by doubling, a page of
        // a million short lines held up to twice its spans while they were copied.
        var lines = 1
        var from = 0
        while from < n, let hit = memchr(base + from, 0x0A, n - from) {
            lines += 1
            from = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        spans.reserveCapacity(lines)
        var start = 0
        while start < n {
            // memchr finds "\n" far faster than a byte loop; a line holding a "\r"
            // (CRLF, or a lone CR that also ends a line) is rare and split by hand.
            let newline = memchr(base + start, 0x0A, n - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
            if memchr(base + start, 0x0D, newline - start) == nil {
                spans.append(LineSpan(start: start, end: newline, next: min(newline + 1, n)))
                start = newline + 1
                continue
            }
            var i = start
            while i < newline, s[i] != 0x0D { i += 1 }
            let next = (i + 1 < n && s[i + 1] == 0x0A) ? i + 2 : i + 1
            spans.append(LineSpan(start: start, end: i, next: next))
            start = next
        }
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
