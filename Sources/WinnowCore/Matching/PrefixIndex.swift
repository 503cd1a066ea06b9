/// Anchored rules by the literal texts their matches start with (`LiteralPrefixes`),
/// in a byte trie: walking a line's first bytes down the trie finds the rules one
/// of whose prefixes the line starts with, which are the only ones that can match
/// it. A body line usually leaves the trie after a byte or two having met no rule,
/// whatever the number of rules; a line meets, besides the rule that matches it,
/// only rules that share its opening words.
///
/// The tables are read through pointers into one allocation, made in `init` and
/// never written after: held in arrays, the walk spent most of its instructions on
/// bounds checks and on reloading the arrays it had no registers for.
final class PrefixIndex: @unchecked Sendable {
    /// Walk the line with ASCII letters in lower case, and the two non-ASCII letters
    /// PCRE2 matches to ASCII ones without case (ſ → s, K KELVIN SIGN → k) as those:
    /// for rules whose prefixes are caseless (checked against PCRE2 by the tests).
    let caseless: Bool
    /// The root's child for each byte (0: none; the root is node 0).
    private let rootChildren: UnsafePointer<Int32>
    /// Node n's other edges: `edgeBytes[edgeStart[n]..<edgeStart[n + 1]]`,
    /// with their children in `edgeChildren`. Most nodes have one edge (a prefix's
    /// next byte), and a prefix's nodes are numbered in a row, so a walk reads
    /// neighbouring memory (a hash table of edges cost a cache miss a byte).
    private let edgeStart: UnsafePointer<Int32>
    private let edgeBytes: UnsafePointer<UInt8>
    private let edgeChildren: UnsafePointer<Int32>
    /// The rules whose prefix ends at node n: `ending[endStart[n]..<endStart[n + 1]]`.
    private let endStart: UnsafePointer<Int32>
    private let ending: UnsafePointer<Int32>
    /// The allocations the pointers above point into.
    private let words: UnsafeMutableBufferPointer<Int32>
    private let bytes: UnsafeMutableBufferPointer<UInt8>

    /// `entries`: rules (indexes in the rule set) with their prefixes (UTF-8, folded
    /// when `caseless`). Nil when there is nothing to index.
    init?(_ entries: [(rule: Int, texts: [[UInt8]])], caseless: Bool) {
        guard !entries.isEmpty else { return nil }
        self.caseless = caseless
        // Built with a hash table of edges (`node << 8 | byte` → child), then laid
        // out flat.
        var children = HashTable(capacity: 256)
        var edges: [(parent: Int32, byte: UInt8, child: Int32)] = []
        var nodeCount = 1
        var endsAt: [[Int32]] = [[]]
        for (rule, texts) in entries {
            for prefix in texts {
                var node = 0
                for byte in prefix {
                    let child = Int(children.insertIfAbsent(UInt64(node) << 8 | UInt64(byte), Int32(nodeCount)))
                    if child == nodeCount {
                        edges.append((Int32(node), byte, Int32(child)))
                        nodeCount += 1
                        endsAt.append([])
                    }
                    node = child
                }
                if endsAt[node].last != Int32(rule) { endsAt[node].append(Int32(rule)) }
            }
        }
        var rootChildren = [Int32](repeating: 0, count: 256)
        var edgeCount = [Int32](repeating: 0, count: nodeCount + 1)
        for edge in edges {
            if edge.parent == 0 { rootChildren[Int(edge.byte)] = edge.child } else { edgeCount[Int(edge.parent) + 1] += 1 }
        }
        for n in 0..<nodeCount { edgeCount[n + 1] += edgeCount[n] }
        var edgeBytes = [UInt8](repeating: 0, count: Int(edgeCount[nodeCount]))
        var edgeChildren = [Int32](repeating: 0, count: edgeBytes.count)
        var next = edgeCount
        for edge in edges where edge.parent != 0 {
            let k = Int(next[Int(edge.parent)])
            edgeBytes[k] = edge.byte
            edgeChildren[k] = edge.child
            next[Int(edge.parent)] += 1
        }
        var endStart: [Int32] = [0]
        for list in endsAt { endStart.append(endStart.last! + Int32(list.count)) }
        let tables = [rootChildren, edgeCount, edgeChildren, endStart, endsAt.flatMap { $0 }]
        let words = UnsafeMutableBufferPointer<Int32>.allocate(capacity: tables.reduce(0) { $0 + $1.count })
        var starts: [UnsafePointer<Int32>] = []
        var filled = 0
        for table in tables {
            starts.append(UnsafePointer(words.baseAddress! + filled))
            filled = words[filled...].initialize(fromContentsOf: table)
        }
        (self.rootChildren, edgeStart, self.edgeChildren, self.endStart, ending) =
            (starts[0], starts[1], starts[2], starts[3], starts[4])
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(edgeBytes.count, 1))
        _ = bytes.initialize(fromContentsOf: edgeBytes)
        self.edgeBytes = UnsafePointer(bytes.baseAddress!)
        self.words = words
        self.bytes = bytes
    }

    deinit {
        words.deallocate()
        bytes.deallocate()
    }

    @inline(__always)
    private func child(of node: Int, _ byte: UInt8) -> Int? {
        if node == 0 {
            let child = rootChildren[Int(byte)]
            return child == 0 ? nil : Int(child)
        }
        for k in Int(edgeStart[node])..<Int(edgeStart[node + 1]) where edgeBytes[k] == byte {
            return Int(edgeChildren[k])
        }
        return nil
    }

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
            guard let child = child(of: node, byte) else { return }
            node = child
            for k in Int(endStart[node])..<Int(endStart[node + 1]) { marks.markCandidate(Int(ending[k])) }
        }
    }
}
