#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of a document as byte offsets into the document's buffer:
/// `start..<end` is the content, `end..<next` its terminator ("\n", "\r\n", "\r" or none).
///
/// Stored in 32 bits (12 bytes a line, not 24: a page of a million short lines
/// holds a million spans), so a document holds at most `maxDocumentBytes` bytes;
/// the CLI's `--max-doc-bytes` is capped there.
public struct LineSpan: Sendable, Equatable {
    private let offset: UInt32
    private let length: UInt32
    /// 0 (the last line, unterminated), 1 ("\n" or "\r") or 2 ("\r\n").
    private let terminator: UInt8

    /// The largest document whose lines a `LineSpan` can hold.
    public static let maxDocumentBytes = Int(UInt32.max)

    public init(start: Int, end: Int, next: Int) {
        assert(next <= LineSpan.maxDocumentBytes && start <= end && end <= next && next - end <= 2,
                     "a line span past \(LineSpan.maxDocumentBytes) bytes, or not start <= end <= next")
        offset = UInt32(truncatingIfNeeded: start)
        length = UInt32(truncatingIfNeeded: end - start)
        terminator = UInt8(truncatingIfNeeded: next - end)
    }

    public var start: Int { Int(offset) }
    public var end: Int { Int(offset) + Int(length) }
    public var next: Int { end + Int(terminator) }
    public var content: Range<Int> { start..<end }
    public var hasTerminator: Bool { terminator > 0 }
}

public enum LineSplitter {
    /// Splits at "\n", "\r\n" and lone "\r". Every byte of the input belongs to exactly
    /// one span, so joining the spans gives the input back.
    public static func split(_ s: UnsafeBufferPointer<UInt8>) -> [LineSpan] {
        var spans: [LineSpan] = []
        guard let base = s.baseAddress else { return spans }
        let n = s.count
        precondition(n <= LineSpan.maxDocumentBytes, "a document of \(n) bytes: at most \(LineSpan.maxDocumentBytes) can be cleaned")
        // Sized exactly (one span a "\n", and one more): grown by doubling, a page of
        // a million short lines held up to twice its spans while they were copied.
        var lines = 1
        var from = 0
        while from < n, let hit = memchr(base + from, 0x0A, n - from) {
            lines += 1
            from = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        spans.reserveCapacity(lines)
        // Most documents hold no "\r" at all: one search of the whole document spares
        // their lines a search each (a call of memchr for a few dozen bytes).
        let mayHoldCR = memchr(base, 0x0D, n) != nil
        var start = 0
        while start < n {
            // memchr finds "\n" far faster than a byte loop; a line holding a "\r"
            // (CRLF, or a lone CR that also ends a line) is rare and split by hand.
            let newline = memchr(base + start, 0x0A, n - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
            if !mayHoldCR || memchr(base + start, 0x0D, newline - start) == nil {
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
