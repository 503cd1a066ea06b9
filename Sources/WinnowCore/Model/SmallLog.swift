import Foundation

/// `log1p` of a count, looked up for the small counts the line features take
/// most (characters, words, distances, runs), not computed: the table holds
/// `log1p`'s own results, so the values are the same to the bit. An instance
/// holds the table's address, read once (a static is checked at every read).
struct SmallLog {
    static let size = 2048

    nonisolated(unsafe) private static let shared: UnsafePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: size)
        for k in 0..<size { table[k] = Foundation.log1p(Double(k)) }
        return UnsafePointer(table)
    }()

    private let table = SmallLog.shared

    @inline(__always)
    func log1p(_ k: Int) -> Double {
        k >= 0 && k < SmallLog.size ? table[k] : Foundation.log1p(Double(k))
    }
}
