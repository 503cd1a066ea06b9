// libFuzzer target (a): the rule-file parser and compiler.
//
// Arbitrary bytes, decoded as UTF-8 text (invalid sequences become U+FFFD, as a
// caller that has validated or repaired the file would hand them over), go through
// `RuleParser.parse` and then `RuleSet(files:)`. Neither may crash, hang or leak;
// every diagnostic must point inside the file (line 1...lines, column >= 1).
// When the rules compile, the rule text itself is cleaned with them, so odd but
// valid rules (cut, list, grab, meta with named groups, strip with empty matches,
// lookbehinds, \K) also run through the rule pass, and on each of its lines the
// prefilter (literal prefixes, first characters, required texts, alternations)
// must let through exactly the rules that trying every rule finds.
//
// Compiled into the same module as the WinnowCore sources (see build.sh), so there
// is no `import WinnowCore`.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    // Lines as the parser counts them ("\r\n", "\n" and "\r" each end one line).
    var lineCount = 1
    var previous: UInt8 = 0
    for b in bytes {
        if b == 0x0A { if previous != 0x0D { lineCount += 1 } } else if b == 0x0D { lineCount += 1 }
        previous = b
    }
    func checkLocation(_ d: Diagnostic) {
        guard d.location.line >= 1, d.location.line <= lineCount, d.location.column >= 1 else {
            fatalError("diagnostic outside the file (\(lineCount) lines): \(d)")
        }
    }
    let file: RuleFile
    do {
        file = try RuleParser(path: "fuzz.rules").parse(text)
    } catch {
        precondition(!error.diagnostics.isEmpty, "RuleErrors without a diagnostic")
        error.diagnostics.forEach(checkLocation)
        return 0
    }
    file.warnings.forEach(checkLocation)
    let ruleSet: RuleSet
    do {
        ruleSet = try RuleSet(files: [file])
    } catch {
        precondition(!error.diagnostics.isEmpty, "RuleErrors without a diagnostic")
        error.diagnostics.forEach(checkLocation)
        return 0
    }
    precondition(ruleSet.rules.count == file.rules.count)
    // Run the rules that compiled over the rule text itself (bounded, so one input
    // cannot take the whole -timeout on a pathological pattern).
    if size <= 4096 {
        let cleaner = Cleaner(ruleSet: ruleSet)
        let result = cleaner.clean(bytes)
        precondition(result.fates.count == result.spans.count)
        var out: [UInt8] = []
        CleanWriter.write(bytes, result, into: &out)
        checkPrefilter(ruleSet, lines: text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64).map(String.init))
    }
    return 0
}

/// The rules the prefilter and the groups report for each line, against each rule
/// tried on its own (lines where a rule hits a match limit are skipped: there the
/// answers may rightly differ).
func checkPrefilter(_ ruleSet: RuleSet, lines: [String]) {
    let scratch = MatchScratch(captureCapacity: max(ruleSet.maxCaptureCount, 16))
    let selected = ruleSet.rules(for: [.fa, .ar, .en])
    for line in lines {
        let raw = Array(line.utf8), shadow = Array(Normalizer.normalize(line).utf8)
        raw.withUnsafeBufferPointer { r in
            shadow.withUnsafeBufferPointer { s in
                var expected: [Int] = []
                for rule in ruleSet.rules {
                    switch rule.regex.match(rule.rule.raw ? r : s, scratch: scratch) {
                    case .match: expected.append(rule.index)
                    case .noMatch: continue
                    case .limitExceeded, .failed: return
                    }
                }
                var found: [Int32] = []
                let marks = selected.prefilter.collect(shadow: s, raw: r, scratch: scratch)
                var limited = false
                for group in [selected.keep, selected.act, selected.strip] {
                    if group.matches(marks, shadow: s, raw: r, scratch: scratch, into: &found) != nil { limited = true }
                }
                if !limited && found.map(Int.init).sorted() != expected {
                    fatalError("prefilter found rules \(found.sorted()) but trying every rule finds \(expected) on line: \(line)")
                }
            }
        }
    }
}
