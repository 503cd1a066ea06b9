/// Finds which rules' required texts (`RequiredLiterals`) occur in a line, in one
/// pass over its bytes: at each position the next bytes are looked up in a bit
/// filter of the texts' heads, and only on a hit in the table of texts, whose
/// bytes are then compared. Texts of eight bytes or more are filed under their
/// first eight bytes (in Persian, two letters are four bytes: a four-byte head
/// such as "اس" starts too many words to filter anything). A line costs a few
/// instructions per byte however many rules there are; the rules found are then
/// tried on their own.
final class LiteralScanner: Sendable {
    /// Compare ASCII letters in lower case (the texts are folded already).
    let caseless: Bool
    private let short: Heads   // texts of 4–7 bytes, by their first four
    private let long: Heads    // texts of 8 bytes or more, by their first eight
    /// One bit per hash of the first four bytes of every text, short or long: most
    /// positions of a line stop at this one test.
    private let filter: [UInt64]
    /// No text starts with a UTF-8 continuation byte: a line's positions inside a
    /// character need no test.
    private let noTextStartsMidCharacter: Bool

    /// Nil when there is nothing to scan for.
    init?(_ entries: [(rule: Int, texts: [[UInt8]])], caseless: Bool) {
        guard !entries.isEmpty else { return nil }
        self.caseless = caseless
        let all = entries.flatMap { entry in entry.texts.map { (rule: entry.rule, text: $0) } }
        precondition(all.allSatisfy { $0.text.count >= 4 }, "required literals are at least four bytes")
        short = Heads(width: 4, all.filter { $0.text.count < 8 })
        long = Heads(width: 8, all.filter { $0.text.count >= 8 })
        filter = Heads.filter(all.map { Heads.head($0.text, width: 4) })
        noTextStartsMidCharacter = all.allSatisfy { $0.text[0] & 0xC0 != 0x80 }
    }

    /// Marks as candidates the rules one of whose texts occurs in `subject`. Under
    /// `caseless`, `scratch.folded` receives the line in lower case first.
    func collect(_ subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, into marks: RuleMarks) {
        if caseless {
            if scratch.folded.count < subject.count { scratch.folded = [UInt8](repeating: 0, count: subject.count * 2) }
            guard let source = subject.baseAddress else { return }
            scratch.folded.withUnsafeMutableBufferPointer { folded in
                // Through pointers, with no bounds check a byte: the compiler folds
                // 16 bytes an instruction.
                let target = folded.baseAddress!
                for k in 0..<subject.count {
                    let byte = source[k]
                    target[k] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                }
                scan(UnsafeBufferPointer(start: target, count: subject.count), marks)
            }
        } else {
            scan(subject, marks)
        }
    }

    private func scan(_ line: UnsafeBufferPointer<UInt8>, _ marks: RuleMarks) {
        let n = line.count
        guard n >= 4, let base = line.baseAddress else { return }
        filter.withUnsafeBufferPointer { filter in
            var i = 0
            while true {
                i = Heads.firstPassing(base, from: i, through: n - 4, filter.baseAddress!,
                                       skippingMidCharacter: noTextStartsMidCharacter)
                if i > n - 4 { return }
                short.find(Heads.head(base, at: i), line, at: i, marks)
                if i + 8 <= n {
                    long.find(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)), line, at: i, marks)
                }
                i += 1
            }
        }
    }

    /// Texts filed by their first `width` bytes (4 or 8), read as a little-endian word.
    private struct Heads {
        /// One bit per hash of a head.
        private let filter: [UInt64]
        /// Head → group: `texts[groupStart[g]..<groupStart[g + 1]]`.
        private let table: HashTable
        private let groupStart: [Int32]
        private let texts: [(rule: Int32, text: [UInt8])]
        let isEmpty: Bool

        private static let filterBits = 1 << 16

        /// The first `width` bytes of `text` as a little-endian word.
        static func head(_ text: [UInt8], width: Int) -> UInt64 {
            text.prefix(width).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
        }

        /// A bit filter of `heads`.
        static func filter(_ heads: [UInt64]) -> [UInt64] {
            var filter = [UInt64](repeating: 0, count: Heads.filterBits / 64)
            for head in heads {
                let bit = Heads.hash(head)
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            return filter
        }

        @inline(__always)
        static func passes(_ head: UInt64, _ filter: UnsafePointer<UInt64>) -> Bool {
            let bit = Heads.hash(head)
            return filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }

        /// The four bytes at `i`, as a little-endian word.
        @inline(__always)
        static func head(_ base: UnsafePointer<UInt8>, at i: Int) -> UInt64 {
            UInt64(UInt32(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self)))
        }

        /// The first position from `i` through `last` whose four bytes pass `filter`
        /// (`filterBits` bits, so no index falls outside it), or `last + 1`. Most
        /// positions of a line stop here: a loop of its own keeps its few values in
        /// registers (inside `scan` it took twice the instructions a byte).
        /// With `skippingMidCharacter`, positions inside a UTF-8 character (a continuation byte,
        /// nearly half of an Arabic-script line) are passed over even when the filter
        /// lets them through: no text starts there. The offsets stay below the line's
        /// length: wrapping arithmetic.
        @inline(never)
        static func firstPassing(_ base: UnsafePointer<UInt8>, from i: Int, through last: Int,
                                 _ filter: UnsafePointer<UInt64>, skippingMidCharacter: Bool) -> Int {
            var i = i
            if skippingMidCharacter {
                // The filter asked first, even mid-character: it rarely passes, so its
                // branch is well predicted; a test of the byte first was a branch that
                // followed the characters' lengths and missed at most word breaks.
                while i <= last && (!passes(head(base, at: i), filter) || base[i] & 0xC0 == 0x80) { i &+= 1 }
            } else {
                while i <= last && !passes(head(base, at: i), filter) { i &+= 1 }
            }
            return i
        }

        init(width: Int, _ entries: [(rule: Int, text: [UInt8])]) {
            isEmpty = entries.isEmpty
            filter = Heads.filter(entries.map { Heads.head($0.text, width: width) })
            var byHead: [UInt64: [(rule: Int32, text: [UInt8])]] = [:]
            var heads: [UInt64] = []
            for (rule, text) in entries {
                let head = Heads.head(text, width: width)
                if byHead[head] == nil { heads.append(head) }
                byHead[head, default: []].append((Int32(rule), text))
            }
            var table = HashTable(capacity: max(heads.count, 1))
            var groupStart: [Int32] = []
            var texts: [(rule: Int32, text: [UInt8])] = []
            for head in heads {
                table.insertIfAbsent(head, Int32(groupStart.count))
                groupStart.append(Int32(texts.count))
                texts += byHead[head]!
            }
            groupStart.append(Int32(texts.count))
            self.table = table
            self.groupStart = groupStart
            self.texts = texts
        }

        @inline(__always)
        private static func hash(_ head: UInt64) -> Int { Int(truncatingIfNeeded: (head &* 0x9E37_79B9_7F4A_7C15) >> 48) }

        /// Marks the rules of the texts that start at `i` with `head`.
        @inline(__always)
        func find(_ head: UInt64, _ line: UnsafeBufferPointer<UInt8>, at i: Int, _ marks: RuleMarks) {
            guard !isEmpty, filter.withUnsafeBufferPointer({ Heads.passes(head, $0.baseAddress!) }),
                  let group = table[head] else { return }
            for k in Int(groupStart[Int(group)])..<Int(groupStart[Int(group) + 1]) {
                let (rule, text) = texts[k]
                guard text.count <= line.count - i, !marks.isMarked(Int(rule)) else { continue }
                if text.indices.allSatisfy({ line[i + $0] == text[$0] }) { marks.markCandidate(Int(rule)) }
            }
        }
    }
}
