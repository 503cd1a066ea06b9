/// Word hashes of every line of a page in one flat buffer (one allocation a page,
/// not one array a line). Each line's list is sorted and holds each word once, so
/// overlaps between lines are merges, not `Set`s; `totals` keeps how many words the
/// line had before duplicates were dropped.
struct WordLists {
    private var storage: [UInt64] = []
    private var starts: [Int32] = [0]
    private(set) var totals: [Int32] = []

    init() {}

    /// Builds the lists of `count` lines; `fill(i, &buffer)` appends line `i`'s words.
    /// `most` bounds the number of words of all lines: the storage is reserved for
    /// it once (memory never written costs nothing) instead of grown by doubling.
    init(count: Int, most: Int = 0, fill: (Int, inout [UInt64]) -> Void) {
        storage.reserveCapacity(most)
        starts.reserveCapacity(count + 1)
        totals.reserveCapacity(count)
        var line: [UInt64] = []
        for i in 0..<count {
            line.removeAll(keepingCapacity: true)
            fill(i, &line)
            totals.append(Int32(line.count))
            line.sort()
            var previous: UInt64? = nil
            for w in line where w != previous {
                storage.append(w)
                previous = w
            }
            starts.append(Int32(storage.count))
        }
    }

    /// The distinct words of line `i`, sorted.
    subscript(i: Int) -> ArraySlice<UInt64> {
        storage[Int(starts[i])..<Int(starts[i + 1])]
    }

    /// How many distinct words lines `i` and `j` share (a merge of two sorted lists).
    func shared(_ i: Int, _ j: Int) -> Int {
        let a = self[i], b = self[j]
        var x = a.startIndex, y = b.startIndex, n = 0
        while x < a.endIndex && y < b.endIndex {
            if a[x] == b[y] { n += 1; x += 1; y += 1 } else if a[x] < b[y] { x += 1 } else { y += 1 }
        }
        return n
    }
}
