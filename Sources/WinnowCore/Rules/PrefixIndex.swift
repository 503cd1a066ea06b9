/// Anchored rules by the literal texts their matches start with (`LiteralPrefixes`),
/// in a byte trie: walking a line's first bytes down the trie finds the rules one
/// of whose prefixes the line starts with, which are the only ones that can match
/// it. A body line usually leaves the trie after a byte or two having met no rule,
/// whatever the number of rules; a line meets, besides the rule that matches it,
/// only rules that share its opening words.
final class PrefixIndex: Sendable {
    /// Walk the line with ASCII letters in lower case, and the two non-ASCII letters
    /// PCRE2 matches to ASCII ones without case (ſ → s, K KELVIN SIGN → k) as those:
    /// for rules whose prefixes are caseless (checked against PCRE2 by the tests).
    let caseless: Bool
    /// Edges: `node << 8 | byte` → child node. The root is node 0.
    private let children: HashTable
    /// The rules whose prefix ends at node n: `ending[endStart[n]..<endStart[n + 1]]`.
    private let endStart: [Int32]
    private let ending: [Int32]

    /// `entries`: rules (indexes in the rule set) with their prefixes (UTF-8, folded
    /// when `caseless`). Nil when there is nothing to index.
    init?(_ entries: [(rule: Int, texts: [[UInt8]])], caseless: Bool) {
        guard !entries.isEmpty else { return nil }
        self.caseless = caseless
        var children = HashTable(capacity: 256)
        var nodeCount = 1
        var endsAt: [[Int32]] = [[]]
        for (rule, texts) in entries {
            for prefix in texts {
                var node = 0
                for byte in prefix {
                    let key = PrefixIndex.edge(node, byte)
                    let child = Int(children.insertIfAbsent(key, Int32(nodeCount)))
                    if child == nodeCount {
                        nodeCount += 1
                        endsAt.append([])
                    }
                    node = child
                }
                if endsAt[node].last != Int32(rule) { endsAt[node].append(Int32(rule)) }
            }
        }
        self.children = children
        var endStart: [Int32] = [0]
        for list in endsAt { endStart.append(endStart.last! + Int32(list.count)) }
        self.endStart = endStart
        ending = endsAt.flatMap { $0 }
    }

    @inline(__always)
    private static func edge(_ node: Int, _ byte: UInt8) -> UInt64 { UInt64(node) << 8 | UInt64(byte) }

    /// Marks as candidates the rules whose prefixes `subject` starts with.
    func collect(_ subject: UnsafeBufferPointer<UInt8>, into marks: RuleMarks) {
        var node = 0
        var i = 0
        let n = subject.count
        while i < n {
            var byte = subject[i]
            i += 1
            if caseless {
                if byte &- 0x41 < 26 {
                    byte |= 0x20
                } else if byte == 0xC5, i < n, subject[i] == 0xBF {
                    byte = 0x73; i += 1
                } else if byte == 0xE2, i + 1 < n, subject[i] == 0x84, subject[i + 1] == 0xAA {
                    byte = 0x6B; i += 2
                }
            }
            guard let child = children[PrefixIndex.edge(node, byte)] else { return }
            node = Int(child)
            for k in Int(endStart[node])..<Int(endStart[node + 1]) { marks.markCandidate(Int(ending[k])) }
        }
    }
}
