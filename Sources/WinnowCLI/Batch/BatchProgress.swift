import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The progress line on standard error: files done of total, MB/s, ETA. Repainted
/// in place at most ten times a second.
struct BatchProgress {
    let total: Int
    let start = Date()

    func line(done: Int, bytes: Int) -> String {
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(bytes) / elapsed / 1e6
        let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        return String(format: "\r[%d/%d] %.1f MB/s, ETA %@ ", done, total, rate, BatchProgress.duration(eta))
    }

    func paint(done: Int, bytes: Int) {
        let text = line(done: done, bytes: bytes)
        var data = Array(text.utf8)
        _ = data.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }

    func clear() {
        var data = Array("\r\u{1B}[K".utf8)
        _ = data.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\((s % 3600) / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
