import Foundation

/// `log1p` of a count, looked up for the small counts the line features take
/// most (characters, words, distances, runs), not computed: the table holds
/// `log1p`'s own results, so the values are the same to the bit.
enum SmallLog {
    static let size = 2048

    nonisolated(unsafe) static let table: UnsafePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: size)
        for k in 0..<size { table[k] = Foundation.log1p(Double(k)) }
        return UnsafePointer(table)
    }()

    @inline(__always)
    static func log1p(_ k: Int) -> Double {
        k >= 0 && k < size ? table[k] : Foundation.log1p(Double(k))
    }
}
