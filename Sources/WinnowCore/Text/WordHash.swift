/// The hashes of a word made while the content-word split reads it (`ContentWords.of`):
/// FNV-1a of its bytes, ASCII lower-cased (the stopword key), and the same of its
/// first five characters (the stem of a word without the article).
struct WordHash {
    private(set) var full = FNV.basis
    /// `full` as it stood where the sixth character started.
    private var firstFive = FNV.basis

    /// A character starts after `scalars` characters: the stem ends before the sixth.
    @inline(__always)
    mutating func startCharacter(_ scalars: Int) {
        if scalars == 5 { firstFive = full }
    }

    /// One byte of the word, already lower-cased.
    @inline(__always)
    mutating func feed(_ b: UInt8) {
        full = (full ^ UInt64(b)) &* FNV.prime
    }

    /// The stem's hash of a word of `scalars` characters.
    @inline(__always)
    func stem(scalars: Int) -> UInt64 { scalars < 6 ? full : firstFive }
}
