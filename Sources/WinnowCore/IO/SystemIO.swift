#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls every reader and writer makes, each done once: a call cut
/// short by a signal (EINTR) is made again, a failure carries its path.
public enum SystemIO {
    /// read(2) into `buffer` from `offset`, at most `count` bytes (by default up to
    /// the buffer's end); 0 at the end of the input.
    public static func read(_ fd: Int32, into buffer: inout [UInt8], at offset: Int = 0, count: Int? = nil,
                            path: String) throws(IOFailure) -> Int {
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, count ?? ($0.count - offset)) }
            if n >= 0 { return n }
            if errno != EINTR { throw IOFailure(path: path, errno: errno) }
        }
    }

    /// write(2) of every byte; errno is left for the caller to read on failure (-1).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return -1
            }
            offset += n
        }
        return 0
    }
}

/// An input file, opened for reading and checked on the open descriptor (a check
/// of the path first would leave a window for the file to be swapped).
public struct OpenedFile {
    public let fd: Int32
    public let info: stat

    public var isRegular: Bool { info.st_mode & S_IFMT == S_IFREG }
    public var isDirectory: Bool { info.st_mode & S_IFMT == S_IFDIR }

    /// Opens `path`; `nonBlocking` so that a FIFO where a file was expected cannot
    /// hang the caller. The caller closes `fd`.
    public static func open(_ path: String, nonBlocking: Bool = false) throws(IOFailure) -> OpenedFile {
        let fd = Glibc.open(path.pathCString, O_RDONLY | O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0))
        guard fd >= 0 else { throw IOFailure(path: path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let failure = IOFailure(path: path, errno: errno)
            close(fd)
            throw failure
        }
        return OpenedFile(fd: fd, info: info)
    }
}
