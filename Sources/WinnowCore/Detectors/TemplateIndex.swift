/// What the template index reads of one document: the keys (see `TemplateIndex.key`)
/// of its non-blank lines and of its prose lines, distinct and sorted, and a hash
/// of all its line keys in order (equal for copies of one page).
public struct TemplateKeys: Sendable {
    public var lines: [UInt64] = []
    public var prose: [UInt64] = []
    public var document: UInt64 = 0
    /// Each line's key in page order (0 for a blank line): the detector reads them
    /// instead of hashing the page's lines again.
    public var byLine: [UInt64] = []
}

/// Cross-document chrome: in how many distinct documents of its site each line
/// (normalised, digits folded, spaces removed) stands. A line in many documents of
/// a site is the site's template (its name, slogan, menu), unless it reads like
/// article prose. Copies of one article (exact, or sharing most prose lines, see
/// `DuplicateClusters`) count as one document. Sites are keys (`siteKey`): a
/// folder in batch; 0 when the run is one site. Built in a first pass over a
/// folder, or as it goes over a stream.
///
/// Bounded whatever the number of sites or documents: a line seen once (nearly
/// every article line) is only a fingerprint in a fixed, direct-mapped table of
/// `capacity / 2` slots (a later line landing on its slot replaces it); a line seen
/// again moves to the counts, which hold only recurring lines, keyed by (site,
/// line); past `capacity` of those, every count is halved and lines reaching zero
/// are forgotten. A site's template, seen on each of its pages, outlives both.
public final class TemplateIndex: @unchecked Sendable {
    private var counts = HashTable(capacity: 4096)
    /// Lines seen once: their keys, each at its slot (0: empty).
    private var once: [UInt64]
    private let onceMask: Int
    private var duplicates: DuplicateClusters
    public private(set) var documents = 0
    /// Documents counted as copies of an earlier document of their site.
    public private(set) var copies = 0
    /// A line is template when it stands in at least this many documents...
    public var minimumDocuments: Int
    public let capacity: Int
    /// Distinct recurring (site, line) counts held now: at most `capacity`,
    /// whatever the number of sites or documents (lines seen once take a fixed table).
    public var storedLines: Int { counts.count }

    public init(minimumDocuments: Int = 3, capacity: Int = 1 << 21) {
        self.minimumDocuments = minimumDocuments
        self.capacity = capacity
        duplicates = DuplicateClusters(capacity: capacity)
        var slots = 1024
        while slots * 2 < capacity { slots <<= 1 }
        once = [UInt64](repeating: 0, count: slots)
        onceMask = slots - 1
    }

    /// Counts the distinct lines of one document of `site`.
    public func add(_ document: UnsafeBufferPointer<UInt8>, site: UInt64 = 0,
                    kinds: any LineKindClassifier = HeuristicLineKinds()) {
        add(keys: TemplateIndex.keys(document, kinds: kinds), site: site)
    }

    /// Counts one document from its `keys`, which callers may work out on other
    /// threads: adding documents' keys in the same order gives the same index. A
    /// copy of an earlier document of the site counts only its lines the earlier
    /// copies lacked.
    public func add(keys: TemplateKeys, site: UInt64 = 0) {
        documents += 1
        let (uncounted, isCopy) = duplicates.uncounted(keys, site: site)
        if isCopy { copies += 1 }
        for key in uncounted { count(TemplateIndex.mix(key, site)) }
        if counts.count > capacity { forgetRarest() }
    }

    /// One more document holds the line `key` (mixed with its site).
    private func count(_ key: UInt64) {
        if key == 0 || counts[key] != nil {
            counts.add(key, 1)
            return
        }
        let slot = onceSlot(key)
        if once[slot] == key {
            once[slot] = 0
            counts.add(key, 2)
        } else {
            once[slot] = key
        }
    }

    private func onceSlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 31)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & onceMask
    }

    /// The keys of a document's non-blank lines; which of them are prose is what
    /// `kinds` says, as it says it for the cleaner.
    public static func keys(_ document: UnsafeBufferPointer<UInt8>,
                            kinds: any LineKindClassifier = HeuristicLineKinds()) -> TemplateKeys {
        keys(of: Page(document, kinds: kinds))
    }

    /// The keys of a page's non-blank lines; its kinds say which are prose.
    public static func keys(of page: Page) -> TemplateKeys {
        var out = TemplateKeys()
        out.byLine = [UInt64](copies: 0, count: page.count)
        var whole = FNV.basis
        for i in 0..<page.count where !page.blank[i] {
            let key = TemplateIndex.key(page.shadow(i))
            out.byLine[i] = key
            out.lines.append(key)
            if page.kinds[i].isProse { out.prose.append(key) }
            whole = mix(whole, key)
        }
        out.document = whole
        out.lines.sortUnique()
        out.prose.sortUnique()
        return out
    }

    public func add(_ document: [UInt8], site: UInt64 = 0) { document.withUnsafeBufferPointer { add($0, site: site) } }

    /// In how many documents of `site` the line with this key stands.
    public func documentCount(_ key: UInt64, site: UInt64 = 0) -> Int {
        let mixed = TemplateIndex.mix(key, site)
        if let n = counts[mixed] { return Int(n) }
        return mixed != 0 && once[onceSlot(mixed)] == mixed ? 1 : 0
    }

    public func isTemplate(_ key: UInt64, site: UInt64 = 0) -> Bool { documentCount(key, site: site) >= minimumDocuments }

    /// The key of a line from its normalised shadow: hashed without spaces (as the
    /// repeat detector compares lines), each run of digits as one "0" (a date, a
    /// count or an id does not make a template line another line).
    public static func key(_ shadow: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FNV.basis
        var inDigits = false
        for b in shadow where b != 0x20 && b != 0x09 {
            let isDigit = b &- 0x30 < 10
            if isDigit && inDigits { continue }
            inDigits = isDigit
            hash = (hash ^ UInt64(isDigit ? 0x30 : b)) &* FNV.prime
        }
        return hash
    }

    /// The key of a line's text (its shadow worked out first).
    public static func key(ofLine text: String) -> UInt64 {
        var shadow: [UInt8] = []
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in
            Normalizer.shadow(of: b, into: &shadow) ? shadow.withUnsafeBufferPointer { key($0) } : key(b)
        }
    }

    /// The key of a site, from its name (a folder, a host); never 0, which is the
    /// one site of a run without sites.
    public static func siteKey(_ name: String) -> UInt64 {
        var hash = FNV.basis
        for b in name.utf8 { hash = (hash ^ UInt64(b)) &* FNV.prime }
        return hash == 0 ? 1 : hash
    }

    /// A key combined with a site's (or a running hash with the next key).
    static func mix(_ key: UInt64, _ site: UInt64) -> UInt64 {
        guard site != 0 else { return key }
        var z = key &+ site &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Halves every count and drops the lines that reach zero, until at most three
    /// quarters of `capacity` are left: bounded memory on endless streams, keeping
    /// what recurs most.
    private func forgetRarest() {
        repeat { counts.rebuild { $0 > 1 ? $0 / 2 : nil } } while counts.count > capacity * 3 / 4
    }
}
