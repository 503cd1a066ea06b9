/// Writes the kept lines of a cleaned document under GOLD.md's convention: input
/// order, each line's own bytes and terminator; one blank line where the input had
/// any blank line between two kept lines; no blank line at the start or the end.
public enum CleanWriter {
    /// What ends the last output line.
    public enum FinalLineEnd: Sendable {
        /// Always a line end (files and standard input: text tools expect one).
        case always
        /// A line end only if the input ended with one (JSON text fields, NUL-separated
        /// documents: the cleaned text keeps the input's shape).
        case likeInput
    }

    public static func write(_ document: UnsafeBufferPointer<UInt8>, _ result: CleanResult, into out: inout [UInt8],
                             finalLineEnd: FinalLineEnd = .always) {
        let start = out.count
        defer {
            if finalLineEnd == .likeInput, out.count > start, !(result.spans.last?.hasTerminator ?? false) {
                // Drop the line end written after the last kept line.
                if out.last == 0x0A { out.removeLast(); if out.count > start, out.last == 0x0D { out.removeLast() } }
                else if out.last == 0x0D { out.removeLast() }
            }
        }
        var lastTerminator: Range<Int>? = nil
        forEachOutputLine(result.fates) { line in
            // A paragraph break: the last line end written.
            guard let i = line else { return appendTerminator(lastTerminator, document, &out) }
            let span = result.spans[i]
            appendText(of: span, result.fates[i], document, into: &out)
            // Every output line ends with a terminator: its own, else the last one seen.
            if span.hasTerminator { lastTerminator = span.end..<span.next }
            appendTerminator(span.hasTerminator ? span.end..<span.next : lastTerminator, document, &out)
        }
    }

    /// The output's lines in order: each kept line's index, and nil for the blank
    /// line written between two paragraphs (a run of blank input lines between two
    /// kept lines; none at the start or the end). `write` writes them; `--settle`
    /// maps a later round's lines back to the input's with them.
    @inline(__always)
    static func forEachOutputLine(_ fates: [Fate], _ body: (Int?) -> Void) {
        var wroteAny = false, pendingBreak = false
        for i in fates.indices {
            switch fates[i] {
            case .blank:
                if wroteAny { pendingBreak = true }
            case .removed:
                continue
            case .kept, .protected, .stripped:
                if pendingBreak { body(nil) }
                body(i)
                wroteAny = true
                pendingBreak = false
            }
        }
    }

    /// Line `span`'s text as the output writes it, without its line end: a stripped
    /// line without its spans.
    @inline(__always)
    static func appendText(of span: LineSpan, _ fate: Fate, _ document: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        if case .stripped(_, let spans) = fate {
            var at = span.start
            for r in spans {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: document[at..<r.lowerBound]))
                at = r.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: document[at..<span.end]))
        } else {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: document[span.content]))
        }
    }

    private static func appendTerminator(_ range: Range<Int>?, _ document: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        if let range { out.append(contentsOf: UnsafeBufferPointer(rebasing: document[range])) } else { out.append(0x0A) }
    }

    public static func cleaned(_ document: [UInt8], _ result: CleanResult) -> [UInt8] {
        var out: [UInt8] = []
        document.withUnsafeBufferPointer { write($0, result, into: &out) }
        return out
    }
}
