import Testing
@testable import WinnowCore

/// Bad input never crashes, hangs or changes a byte it keeps.
@Suite struct BadInputTests {
    @Test func emptyInputGivesEmptyOutput() {
        #expect(clean("") == "")
        #expect(clean("\n\n\n") == "")
    }

    @Test func invalidUTF8PassesThroughUnchanged() {
        let line: [UInt8] = Array("Prices rose again ".utf8) + [0xFF, 0xFE, 0xC3] + Array(" in the market this week, traders said.".utf8)
        let result = Cleaner(ruleSet: defaultRules).clean(line + [0x0A])
        #expect(CleanWriter.cleaned(line + [0x0A], result) == line + [0x0A])
    }

    @Test func nulBytesAreOrdinaryBytes() {
        let doc: [UInt8] = Array("Title\n".utf8) + [0x41, 0x00, 0x42, 0x0A] + Array("After the NUL line.\n".utf8)
        let result = Cleaner(ruleSet: defaultRules).clean(doc)
        #expect(CleanWriter.cleaned(doc, result) == doc)
    }

    @Test func crlfAndLoneCRLineEndsArePreserved() {
        #expect(clean("One\r\nTwo\r\n\r\nThree\r\n") == "One\r\nTwo\r\n\r\nThree\r\n")
        #expect(clean("One\rTwo\r\rThree") == "One\rTwo\r\rThree\r")
        // A repeated line is found whatever its line end.
        #expect(clean("Same line\r\nSame line\n") == "Same line\r\n")
    }

    @Test func aLastLineWithoutNewlineGetsOne() {
        #expect(clean("One\nTwo") == "One\nTwo\n")
    }

    @Test func aFiftyMegabyteLineIsKeptWhole() {
        var doc = [UInt8](repeating: 0x61, count: 50 << 20)
        doc.append(0x0A)
        let result = Cleaner(ruleSet: defaultRules).clean(doc)
        #expect(result.fates == [.kept])
        #expect(CleanWriter.cleaned(doc, result).count == doc.count)
    }

    @Test func aBinaryFileDoesNotCrashAndKeepsOnlyInputLines() {
        var rng = SplitMix64(seed: 7)
        let doc = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let out = CleanWriter.cleaned(doc, Cleaner(ruleSet: defaultRules).clean(doc))
        #expect(isLineSubsequence(out, of: doc))
    }

    @Test func catastrophicBacktrackingHitsTheLimitAndKeepsTheLine() throws {
        let rules = try ruleSet("drop t.evil ^(a|aa)+$")
        let line = String(repeating: "a", count: 5000) + "b"
        let result = Cleaner(ruleSet: rules).clean(Array((line + "\n").utf8))
        #expect(result.fates == [.kept])
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains("t.evil") == true)
    }

    @Test func everyKindOfLineEndInOneDocument() {
        let doc = "A\nB\r\nC\rD"
        #expect(clean(doc, rules: .empty) == "A\nB\r\nC\rD\r")
    }
}

/// Whether every line of `output` appears in `input`, in order, byte for byte.
func isLineSubsequence(_ output: [UInt8], of input: [UInt8]) -> Bool {
    let outLines = output.withUnsafeBufferPointer { b in LineSplitter.split(b).map { Array(b[$0.content]) } }
    let inLines = input.withUnsafeBufferPointer { b in LineSplitter.split(b).map { Array(b[$0.content]) } }
    var j = 0
    for line in outLines {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && line.isEmpty { continue }
        while j < inLines.count && inLines[j] != line { j += 1 }
        if j == inLines.count { return false }
        j += 1
    }
    return true
}

/// A small deterministic generator for tests (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
