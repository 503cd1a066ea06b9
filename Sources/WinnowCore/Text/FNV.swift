/// FNV-1a, 64 bits, over bytes: the hash of the repeat detector's lines and words,
/// the template index's lines and sites, the stopword tables, the rules' fingerprint and
/// the line model's word buckets.
enum FNV {
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    static func feed<S: Sequence>(_ h: UInt64, _ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = h
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    static func hash<S: Sequence>(_ bytes: S, prefix: UInt8? = nil, suffix: UInt8? = nil) -> UInt64 where S.Element == UInt8 {
        var h = basis
        if let prefix { h = feed(h, CollectionOfOne(prefix)) }
        h = feed(h, bytes)
        if let suffix { h = feed(h, CollectionOfOne(suffix)) }
        return h
    }
}
