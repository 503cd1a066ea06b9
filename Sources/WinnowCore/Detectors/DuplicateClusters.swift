/// Groups the documents of a site that are copies of one article (several URLs,
/// AMP and print views), so that the template index counts each article once: a
/// line shared only by the copies is that article, not the site's template.
///
/// A document is an exact copy of an earlier one of its site when its line keys,
/// in order, hash the same; a near copy of the earlier group it shares most prose
/// lines with, when those shared lines are at least `nearShare` of the union of
/// its prose lines and the group's first document's (Jaccard). Prose lines map to
/// the first group that held them, so the cost is linear in the lines read.
struct DuplicateClusters {
    /// Document hash (with its site) → group.
    private var exact = HashTable(capacity: 1024)
    /// Prose line key (with its site) → the first group that held it.
    private var owners = HashTable(capacity: 4096)
    /// Distinct prose lines of each group's first document.
    private var proseCounts: [Int32] = []
    /// The line keys each group has counted, sorted.
    private var counted: [[UInt64]] = []
    private var storedKeys = 0
    let nearShare: Double
    /// Past this many stored keys (lines counted, prose lines and documents, about
    /// 30 bytes each) everything is forgotten (endless streams): a later copy of an
    /// earlier article then counts again.
    let capacity: Int

    init(nearShare: Double = 0.5, capacity: Int) {
        self.nearShare = nearShare
        self.capacity = capacity
    }

    /// Places a document in its group and returns the keys of its lines that group
    /// has not counted yet: all of them for a document that copies no earlier one,
    /// none for an exact copy. `isCopy` tells whether it joined an earlier group.
    mutating func uncounted(_ keys: TemplateKeys, site: UInt64) -> (keys: [UInt64], isCopy: Bool) {
        if storedKeys > capacity { self = DuplicateClusters(nearShare: nearShare, capacity: capacity) }
        let group = self.group(of: keys, site: site)
        let own = Int32(truncatingIfNeeded: group ?? counted.count)
        exact.insertIfAbsent(TemplateIndex.mix(keys.document, site), own)
        for key in keys.prose { owners.insertIfAbsent(TemplateIndex.mix(key, site), own) }
        storedKeys += 1 + keys.prose.count
        guard let group else {
            counted.append(keys.lines)
            proseCounts.append(Int32(keys.prose.count))
            storedKeys += keys.lines.count
            return (keys.lines, false)
        }
        let fresh = keys.lines.sortedSubtracting(counted[group])
        if !fresh.isEmpty {
            counted[group] = (counted[group] + fresh).sorted()
            storedKeys += fresh.count
        }
        return (fresh, true)
    }

    /// The earlier group the document copies, or nil.
    private func group(of keys: TemplateKeys, site: UInt64) -> Int? {
        if let group = exact[TemplateIndex.mix(keys.document, site)] { return Int(group) }
        var shared: [Int32: Int] = [:]
        for key in keys.prose {
            if let group = owners[TemplateIndex.mix(key, site)] { shared[group, default: 0] += 1 }
        }
        // Most shared lines, the earliest group on a tie: the same input gives the same groups.
        guard let best = shared.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return nil }
        let union = max(keys.prose.count + Int(proseCounts[Int(best.key)]) - best.value, best.value)
        return Double(best.value) >= nearShare * Double(union) ? Int(best.key) : nil
    }
}

extension Array where Element == UInt64 {
    /// The elements of this sorted array that `other` (sorted) lacks.
    func sortedSubtracting(_ other: [UInt64]) -> [UInt64] {
        var out: [UInt64] = []
        var j = 0
        for key in self {
            while j < other.count && other[j] < key { j += 1 }
            if j == other.count || other[j] != key { out.append(key) }
        }
        return out
    }
}
