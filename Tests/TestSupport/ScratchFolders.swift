import Foundation

/// Temporary folders the tests make, removed when the test process exits, so runs
/// of the suite do not pile folders up in the machine's temporary directory.
public enum ScratchFolders {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [String] = []
    /// Registered once, on the first folder.
    private static let removalAtExit: Void = { atexit { ScratchFolders.removeAll() } }()

    /// A new, empty folder whose name starts with `prefix`.
    public static func make(_ prefix: String) throws -> String {
        let path = NSTemporaryDirectory() + prefix + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        _ = removalAtExit
        lock.withLock { paths.append(path) }
        return path
    }

    private static func removeAll() {
        for path in lock.withLock({ paths }) { try? FileManager.default.removeItem(atPath: path) }
    }
}
