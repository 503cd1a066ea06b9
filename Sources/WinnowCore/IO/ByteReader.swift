#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure, with the path (or "-" for stdin) it concerns.
public struct IOFailure: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
        self.message = String(cString: strerror(errno))
    }

    public var description: String { "\(path): \(message)" }
}

/// Reads whole documents from file descriptors in large chunks.
public enum ByteReader {
    public static let chunk = 1 << 16

    /// What was read: the whole input, or the first `cap` bytes of a longer one
    /// (the rest is still unread on the descriptor).
    public enum Outcome {
        case complete([UInt8])
        case overCap([UInt8])
    }

    /// Reads `fd` to its end, or until more than `cap` bytes arrived. A regular
    /// file's buffer is sized to the file (and one byte more, to see its end): a
    /// fixed 64 KiB first buffer cost small pages an allocation of 192 KiB, zeroed,
    /// each (cleaning 10 000 pages given as arguments took three times as long as
    /// the same pages as one stream). Other inputs start with 64 KiB and double.
    public static func read(fd: Int32, cap: Int, path: String) throws(IOFailure) -> Outcome {
        var info = stat()
        let isFile = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        return try read(fd: fd, cap: cap, path: path, fileSize: isFile ? Int(info.st_size) : nil)
    }

    /// The same for a file opened with `OpenedFile.open`: its status is known, not asked again.
    public static func read(_ file: OpenedFile, cap: Int, path: String) throws(IOFailure) -> Outcome {
        try read(fd: file.fd, cap: cap, path: path, fileSize: file.isRegular ? Int(file.info.st_size) : nil)
    }

    /// `fileSize`: a regular file's size, nil for other inputs.
    private static func read(fd: Int32, cap: Int, path: String, fileSize: Int?) throws(IOFailure) -> Outcome {
        var buffer = [UInt8](repeating: 0, count: fileSize.map { min($0, cap) + 1 } ?? chunk)
        var size = 0
        while true {
            // Full: the file grew, or the input is a pipe.
            if size == buffer.count { buffer.append(contentsOf: repeatElement(0, count: max(chunk, buffer.count))) }
            // At most one byte past the cap; `cap - size + 1` cannot overflow while size < cap,
            // and `cap + 1` would for a cap of Int.max.
            let room = buffer.count - size, left = cap - size
            let n = try SystemIO.read(fd, into: &buffer, at: size, count: left < room ? left + 1 : room, path: path)
            if n == 0 { break }
            size += n
            if size > cap {
                buffer.removeSubrange(size...)
                return .overCap(buffer)
            }
        }
        buffer.removeSubrange(size...)
        return .complete(buffer)
    }

    /// Opens and reads a file; "-" is stdin.
    public static func read(path: String, cap: Int) throws(IOFailure) -> (Outcome, Int32) {
        if path == "-" { return (try read(fd: 0, cap: cap, path: "(standard input)"), 0) }
        let file = try OpenedFile.open(path)
        if file.isDirectory {
            close(file.fd)
            throw IOFailure(path: path, errno: EISDIR)
        }
        do { return (try read(file, cap: cap, path: path), file.fd) }
        catch { close(file.fd); throw error }
    }
}
