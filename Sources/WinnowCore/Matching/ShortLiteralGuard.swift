import Glibc

/// Rules that no other prefilter sorts out (not anchored on a literal or a first
/// character, no required text long enough for `LiteralScanner`) but whose matches
/// need one of a few short texts: `\|` in a one-line menu, one of `[-–/]` between a
/// place and an outlet. Each would meet every line, a JIT call a line; here it
/// meets only lines holding one of its texts, found with `memchr` (a line of a
/// hundred bytes costs a few instructions a text).
final class ShortLiteralGuard: Sendable {
    private let entries: [(rule: Int, texts: [[UInt8]])]

    /// Nil when no rule has texts. The texts are exact: caseless rules whose texts
    /// hold ASCII letters are left out by the caller.
    init?(_ entries: [(rule: Int, texts: [[UInt8]])]) {
        guard !entries.isEmpty else { return nil }
        precondition(entries.allSatisfy { !$0.texts.isEmpty && $0.texts.allSatisfy { !$0.isEmpty } })
        self.entries = entries
    }

    /// Marks as candidates the rules one of whose texts occurs in `subject`.
    func collect(_ subject: UnsafeBufferPointer<UInt8>, into marks: RuleMarks) {
        for entry in entries where entry.texts.contains(where: { ShortLiteralGuard.contains(subject, $0) }) {
            marks.markCandidate(entry.rule)
        }
    }

    /// Whether `text` occurs in `subject`: `memchr` for its first byte, then the rest.
    static func contains(_ subject: UnsafeBufferPointer<UInt8>, _ text: [UInt8]) -> Bool {
        guard let base = subject.baseAddress, subject.count >= text.count else { return false }
        let n = subject.count, first = Int32(text[0])
        var i = 0
        while i <= n - text.count {
            guard let hit = memchr(base + i, first, n - text.count + 1 - i) else { return false }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if text.count == 1 || text.indices.dropFirst().allSatisfy({ base[at + $0] == text[$0] }) { return true }
            i = at + 1
        }
        return false
    }
}
