/// Finds which rules' required texts (`RequiredLiterals`) occur in a line, in one
/// pass over its bytes: at each position the next four bytes are looked up in a
/// bit filter of the texts' first four bytes, and only on a hit in the table of
/// texts, whose bytes are then compared. A line costs a few instructions per byte
/// however many rules there are; the rules found are then tried on their own.
struct LiteralScanner: Sendable {
    /// Compare ASCII letters in lower case (the texts are folded already).
    let caseless: Bool
    /// One bit per hash of a text's first four bytes.
    private let filter: [UInt64]
    /// First four bytes → position in `heads` of the texts starting with them.
    private let table: HashTable
    private let heads: [[(rule: Int32, text: [UInt8])]]

    private static let filterBits = 1 << 16

    /// Nil when there is nothing to scan for.
    init?(_ entries: [(rule: Int, texts: [[UInt8]])], caseless: Bool) {
        guard !entries.isEmpty else { return nil }
        self.caseless = caseless
        var filter = [UInt64](repeating: 0, count: LiteralScanner.filterBits / 64)
        var table = HashTable(capacity: 64)
        var heads: [[(rule: Int32, text: [UInt8])]] = []
        for (rule, texts) in entries {
            for text in texts {
                precondition(text.count >= 4, "required literals are at least four bytes")
                let head = LiteralScanner.head(text, 0)
                let bit = LiteralScanner.hash(head)
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
                let slot = Int(table.insertIfAbsent(UInt64(head), Int32(heads.count)))
                if slot == heads.count { heads.append([]) }
                heads[slot].append((Int32(rule), text))
            }
        }
        self.filter = filter
        self.table = table
        self.heads = heads
    }

    @inline(__always)
    private static func head<C: Collection<UInt8>>(_ bytes: C, _ i: C.Index) -> UInt32 where C.Index == Int {
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }

    @inline(__always)
    private static func hash(_ head: UInt32) -> Int { Int((head &* 0x9E37_79B1) >> 16) }

    /// Marks as candidates the rules one of whose texts occurs in `subject`. Under
    /// `caseless`, `scratch.folded` receives the line in lower case first.
    func collect(_ subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, into marks: RuleMarks) {
        if caseless {
            scratch.folded.removeAll(keepingCapacity: true)
            for byte in subject { scratch.folded.append(byte &- 0x41 < 26 ? byte | 0x20 : byte) }
            scratch.folded.withUnsafeBufferPointer { scan($0, marks) }
        } else {
            scan(subject, marks)
        }
    }

    private func scan(_ line: UnsafeBufferPointer<UInt8>, _ marks: RuleMarks) {
        let n = line.count
        guard n >= 4 else { return }
        for i in 0...(n - 4) {
            let head = LiteralScanner.head(line, i)
            let bit = LiteralScanner.hash(head)
            guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let slot = table[UInt64(head)] else { continue }
            for (rule, text) in heads[Int(slot)] where !marks.isMarked(Int(rule)) && text.count <= n - i {
                if text.indices.allSatisfy({ line[i + $0] == text[$0] }) { marks.markCandidate(Int(rule)) }
            }
        }
    }
}
