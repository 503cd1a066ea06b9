/// Word hashes of every line of a page in one flat buffer (one allocation a page,
/// not one array a line). Each line's list is sorted and holds each word once, so
/// overlaps between lines are merges, not `Set`s; `total(i)` is how many words the
/// line had before duplicates were dropped.
struct WordLists {
    private var storage: [UInt64] = []
    private var starts: [Int32] = [0]
    /// The lines that repeat a word (in order) and their totals: few lines do, so
    /// the others' total is their list's length (no 4 bytes a line).
    private var repeating: [Int32] = [], repeatingTotals: [Int32] = []

    init() {}

    /// Builds the lists of `count` lines; `fill(i, &buffer)` appends line `i`'s words.
    /// `most` bounds the number of words of all lines: the storage is reserved for
    /// it once (memory never written costs nothing) instead of grown by doubling.
    init(count: Int, most: Int = 0, fill: (Int, inout [UInt64]) -> Void) {
        storage.reserveCapacity(most)
        starts.reserveCapacity(count + 1)
        var line: [UInt64] = []
        // Room for most lines' words from the start, not grown by doubling on each page.
        line.reserveCapacity(64)
        for i in 0..<count {
            line.removeAll(keepingCapacity: true)
            fill(i, &line)
            if line.count <= WordLists.shortList {
                line.withUnsafeMutableBufferPointer { WordLists.sortShort($0) }
            } else {
                line.sort()
            }
            var previous: UInt64? = nil
            for w in line where w != previous {
                storage.append(w)
                previous = w
            }
            if storage.count - Int(starts[i]) != line.count {
                repeating.append(Int32(i))
                repeatingTotals.append(Int32(line.count))
            }
            starts.append(Int32(storage.count))
        }
    }

    /// The longest list `sortShort` sorts: it takes quadratic time.
    private static let shortList = 48

    /// Sorts `a` ascending without a branch on the values: each word goes in among
    /// the sorted ones before it by one pass of mins and maxes over them all. An
    /// insertion sort's inner loop stopped where the word landed, at random for
    /// hashes: a mispredicted branch a word.
    static func sortShort(_ a: UnsafeMutableBufferPointer<UInt64>) {
        guard a.count > 1 else { return }
        for i in 1..<a.count {
            let x = a[i]
            // Slot j takes max(a[j - 1], min(a[j], x)), with a[i] as +infinity and
            // a[-1] as -infinity; read downwards, no slot is read after it is written.
            a[i] = max(a[i - 1], x)
            var j = i - 1
            while j > 0 {
                a[j] = max(a[j - 1], min(a[j], x))
                j -= 1
            }
            a[0] = min(a[0], x)
        }
    }

    /// How many words line `i` had, repeats included.
    func total(_ i: Int) -> Int {
        if !repeating.isEmpty {
            // Binary search: the lines are in order.
            var low = 0, high = repeating.count
            while low < high {
                let mid = (low + high) / 2
                if Int(repeating[mid]) < i { low = mid + 1 } else { high = mid }
            }
            if low < repeating.count && Int(repeating[low]) == i { return Int(repeatingTotals[low]) }
        }
        return Int(starts[i + 1] - starts[i])
    }

    /// The distinct words of line `i`, sorted.
    subscript(i: Int) -> ArraySlice<UInt64> {
        storage[Int(starts[i])..<Int(starts[i + 1])]
    }

    /// How many of line `i`'s words stand in at least one of `lines`.
    func words(of i: Int, foundIn lines: [Int]) -> Int {
        if lines.count == 1 { return shared(i, lines[0]) }
        let others = lines.map { self[$0] }
        return self[i].reduce(0) { n, word in
            n + (others.contains { WordLists.holds($0, word) } ? 1 : 0)
        }
    }

    /// Whether the sorted list holds `word` (binary search).
    private static func holds(_ list: ArraySlice<UInt64>, _ word: UInt64) -> Bool {
        var low = list.startIndex, high = list.endIndex
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < word { low = mid + 1 } else { high = mid }
        }
        return low < list.endIndex && list[low] == word
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
