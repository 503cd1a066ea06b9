#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to a file descriptor. A closed pipe (`| head`) surfaces as
/// `brokenPipe`, which the command treats as a quiet, successful end.
public final class OutputSink {
    public enum Failure: Error { case brokenPipe, io(IOFailure) }

    public let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    private let name: String

    public init(fd: Int32, name: String = "(standard output)", capacity: Int = 1 << 16) {
        self.fd = fd
        self.name = name
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity { try writeAll(bytes); return }
        buffer.append(contentsOf: bytes)
    }

    public func write(_ bytes: [UInt8]) throws(Failure) {
        do { try bytes.withUnsafeBufferPointer { (b) throws(Failure) in try write(b) } }
    }

    public func write(_ text: String) throws(Failure) {
        try write(Array(text.utf8))
    }

    public func flush() throws(Failure) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        do { try buffer.withUnsafeBufferPointer { (b) throws(Failure) in try writeAll(b) } }
    }

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        guard SystemIO.writeAll(fd, UnsafeRawBufferPointer(bytes)) == 0 else {
            if errno == EPIPE { throw .brokenPipe }
            throw .io(IOFailure(path: name, errno: errno))
        }
    }

    /// Copies the rest of `fd` to this sink (a document over the size cap passes through).
    /// Returns the last byte copied (nil if there was nothing left).
    @discardableResult
    public func copyRest(of input: Int32, path: String) throws(Failure) -> UInt8? {
        var chunk = [UInt8](repeating: 0, count: ByteReader.chunk)
        var last: UInt8? = nil
        while true {
            let n: Int
            do { n = try SystemIO.read(input, into: &chunk, path: path) }
            catch { throw .io(error) }
            if n == 0 { return last }
            last = chunk[n - 1]
            try chunk.withUnsafeBufferPointer { (b) throws(Failure) in try write(UnsafeBufferPointer(rebasing: b[0..<n])) }
        }
    }
}
