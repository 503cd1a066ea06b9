import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that it is either complete or absent: the bytes go to a
/// temporary file in the same folder, which is then renamed over the target.
/// A run killed at any moment leaves at most a hidden `.NAME.winnow-tmp-…` file,
/// which the next run removes. The writer holds an `flock` on its temporary file
/// until it is renamed, and its pid is in the name: a sweep removes only files whose
/// writer is gone (`isAbandoned`), never those of another run writing into the same folder.
enum AtomicWriter {
    struct Failure: Error { let message: String }

    private static let counter = Counter()

    /// Writes `bytes` to `path`. `mode` sets the new file's permissions and `owner`
    /// (when given) its owner and group; with `backupSuffix`, the existing file is
    /// first kept as `path + suffix`.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, owner: (uid: uid_t, gid: gid_t)? = nil,
                      backupSuffix: String? = nil) throws(Failure) {
        let dir = (path as NSString).deletingLastPathComponent
        let temp = temporaryPath(for: path)
        let fd = openTemporary(temp, mode: mode)
        guard fd >= 0 else { throw Failure(message: "cannot create a file in \(dir): \(String(cString: strerror(errno)))") }
        if bytes.withUnsafeBytes({ SystemIO.writeAll(fd, $0) }) != 0 {
            let message = String(cString: strerror(errno))
            close(fd); unlink(temp.pathCString)
            throw Failure(message: "cannot write \(path): \(message)")
        }
        // Owner first: chown clears the set-user-ID and set-group-ID bits, chmod sets them
        // again. As sed -i does, a user who may not give the file away keeps at least its
        // group if allowed, else the file becomes theirs.
        if let owner, fchown(fd, owner.uid, owner.gid) != 0 { _ = fchown(fd, uid_t.max, owner.gid) }
        fchmod(fd, mode)
        if close(fd) != 0 {
            let message = String(cString: strerror(errno))
            unlink(temp.pathCString)
            throw Failure(message: "cannot write \(path): \(message)")
        }
        // The first original is the backup: a second run (or the end of an interrupted
        // one) must not replace it with text that is already cleaned.
        if let suffix = backupSuffix, access((path + suffix).pathCString, F_OK) != 0 {
            let backup = path + suffix
            guard link(path.pathCString, backup.pathCString) == 0 else {
                let message = String(cString: strerror(errno))
                unlink(temp.pathCString)
                throw Failure(message: "cannot keep a backup \(backup): \(message)")
            }
        }
        guard rename(temp.pathCString, path.pathCString) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temp.pathCString)
            throw Failure(message: "cannot rename into \(path): \(message)")
        }
    }

    /// Creates the temporary file `temp` and locks it (the lock goes with the process:
    /// a killed writer's files can be taken). Returns the descriptor, or -1 with errno.
    static func openTemporary(_ temp: String, mode: mode_t) -> Int32 {
        let fd = open(temp.pathCString, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd >= 0 { _ = flock(fd, LOCK_EX) }
        return fd
    }

    /// Whether the temporary file at `path` (named by `temporaryPath`) was left by a
    /// writer that is gone: nobody holds its lock, and the pid in its name is not a
    /// live process. Both, because a writer's lock comes just after the file, and a
    /// pid may live in another pid namespace or have been reused. When true, the file
    /// is still locked by `lockedFD` (the caller removes it, then closes that).
    static func isAbandoned(_ path: String, lockedFD: inout Int32) -> Bool {
        let name = (path as NSString).lastPathComponent
        guard let tag = name.range(of: ".winnow-tmp-", options: .backwards),
              let pid = name[tag.upperBound...].split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0 else { return false }
        if kill(pid, 0) == 0 || errno != ESRCH { return false }
        let fd = open(path.pathCString, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return false }
        lockedFD = fd
        return true
    }

    /// Removes temporary files an interrupted run left under `root`; returns how many.
    /// Those of a run still writing (another batch into the same folder) are left.
    static func removeStaleTemporaries(under root: String) -> Int {
        var removed = 0
        guard let walker = FileManager.default.enumerator(atPath: root) else { return 0 }
        for case let rel as String in walker where FolderTree.isTemporary((rel as NSString).lastPathComponent) {
            var fd: Int32 = -1
            guard isAbandoned(root + "/" + rel, lockedFD: &fd) else { continue }
            if unlink(root + "/" + rel) == 0 { removed += 1 }
            close(fd)
        }
        return removed
    }

    /// `DIR/.NAME.winnow-tmp-PID-N`: hidden, beside `path`, unique in this process.
    static func temporaryPath(for path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (dir.isEmpty ? "." : dir) + "/." + name + ".winnow-tmp-\(getpid())-\(counter.next())"
    }

    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }
}
