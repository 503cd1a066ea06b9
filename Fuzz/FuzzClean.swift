// libFuzzer target (b): the filter with the default rules on arbitrary bytes.
//
// `Cleaner.clean` then `CleanWriter.write`; asserts that the output is made of
// input lines, in input order: each output line is either an input line byte for
// byte, or (a `strip` rule's work) the input line with some byte ranges removed,
// or an empty line standing for a blank input line (a paragraph break). It also
// checks that the result has one fate per line, that stripped spans lie inside
// their line, and that the output is longer than the input by line ends at most.
//
// Compiled into the same module as the WinnowCore sources (see build.sh).

nonisolated(unsafe) let fuzzCleaner = Cleaner(ruleSet: try! RuleSet.defaults())

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let result = fuzzCleaner.clean(input)
    precondition(result.fates.count == result.spans.count, "one fate per line")
    for (span, fate) in zip(result.spans, result.fates) {
        if case .stripped(_, let ranges) = fate {
            var at = span.start
            for r in ranges {
                precondition(r.lowerBound >= at && r.upperBound <= span.end, "stripped span \(r) outside its line \(span)")
                at = r.upperBound
            }
        }
    }
    var out: [UInt8] = []
    CleanWriter.write(input, result, into: &out)
    // Longer than the input only by line ends: a paragraph break is written with the
    // last kept line's terminator ("\r\n" for a blank "\r" line: one byte more per
    // blank run) and the last line gets one (at most two bytes).
    let blankLines = result.fates.reduce(0) { $0 + ($1 == .blank ? 1 : 0) }
    precondition(out.count <= size + blankLines + 2, "output (\(out.count) bytes) longer than input (\(size) bytes) plus line ends")
    checkLineSubsequence(out, of: input)
    return 0
}

/// Each output line must match an input line, in order (greedy matching is exact
/// for "is a subsequence" whatever the per-pair predicate).
func checkLineSubsequence(_ out: [UInt8], of input: UnsafeBufferPointer<UInt8>) {
    let inSpans = LineSplitter.split(input)
    out.withUnsafeBufferPointer { o in
        var j = 0
        for span in LineSplitter.split(o) {
            let line = UnsafeBufferPointer(rebasing: o[span.content])
            var found = false
            while j < inSpans.count {
                let candidate = UnsafeBufferPointer(rebasing: input[inSpans[j].content])
                let blank = LineSplitter.isBlank(input, inSpans[j])
                j += 1
                if matches(line, candidate, blank: blank) { found = true; break }
            }
            if !found { fatalError("output line \(Array(line)) is not an input line, in order") }
        }
    }
}

/// Output line `line` stands for input line `candidate`: equal, or an empty line for a
/// blank one, or `candidate` with some bytes removed (strip).
private func matches(_ line: UnsafeBufferPointer<UInt8>, _ candidate: UnsafeBufferPointer<UInt8>, blank: Bool) -> Bool {
    if line.isEmpty { return blank || candidate.isEmpty }
    if line.count > candidate.count { return false }
    var k = 0
    for b in candidate where k < line.count && line[k] == b { k += 1 }
    return k == line.count
}
