#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads records separated by one byte ("\n" for JSON Lines, NUL for `-z`) from a
/// file descriptor in large chunks, one record at a time: memory is bounded by the
/// largest record (or the cap), never by the stream.
public final class RecordReader {
    public enum Next {
        /// A whole record (without its separator) and whether a separator followed it;
        /// `record()` copies its bytes.
        case record(terminated: Bool)
        /// A record longer than the cap: `buffer` holds its first bytes; the caller
        /// copies the rest with `copyRestOfRecord`.
        case oversized
        case end
    }

    private let fd: Int32
    private let separator: UInt8
    private let cap: Int
    private let path: String
    private var chunk: [UInt8]
    private var start = 0, end = 0
    private var eof = false
    /// The oversized record in `buffer` is whole (its separator was already read).
    private var oversizedIsWhole = false
    /// The current record's bytes, unless it lies whole in the chunk (`inChunk`).
    public private(set) var buffer: [UInt8] = []
    /// Where the current record lies in the chunk, when it is whole there: it is
    /// copied once, into an array of its own (`record()`), not into `buffer` first.
    private var inChunk: Range<Int>?

    public init(fd: Int32, separator: UInt8, cap: Int, path: String) {
        self.fd = fd
        self.separator = separator
        self.cap = cap
        self.path = path
        chunk = [UInt8](repeating: 0, count: ByteReader.chunk)
    }

    public func next() throws(IOFailure) -> Next {
        buffer.removeAll(keepingCapacity: true)
        inChunk = nil
        while true {
            if start < end {
                let found = chunk.withUnsafeBufferPointer { b -> Int? in
                    guard let p = memchr(b.baseAddress! + start, Int32(separator), end - start) else { return nil }
                    return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                }
                if let found, buffer.isEmpty, found - start <= cap {
                    inChunk = start..<found
                    start = found + 1
                    return .record(terminated: true)
                }
                let stop = found ?? end
                buffer.append(contentsOf: chunk[start..<stop])
                if let found {
                    start = found + 1
                    if buffer.count > cap {
                        oversizedIsWhole = true
                        return .oversized
                    }
                    return .record(terminated: true)
                }
                start = end
                if buffer.count > cap { return .oversized }
            }
            if eof {
                if buffer.count > cap {
                    oversizedIsWhole = true
                    return .oversized
                }
                return buffer.isEmpty ? .end : .record(terminated: false)
            }
            try fill()
        }
    }

    /// After `.record`: the record's bytes, in an array of their own size (the buffer
    /// is as large as the largest record yet, and the chunk is reused).
    public func record() -> [UInt8] {
        if let inChunk { return chunk.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[inChunk])) } }
        return buffer.withUnsafeBufferPointer { Array($0) }
    }

    /// After `.oversized`: writes the rest of the record and ends it with the separator
    /// (also when the input ended without one).
    public func copyRestOfRecord(to sink: OutputSink) throws(OutputSink.Failure) {
        if oversizedIsWhole {
            oversizedIsWhole = false
            try sink.write([separator])
            return
        }
        while true {
            if start < end {
                let found = chunk[start..<end].firstIndex(of: separator)
                let stop = found.map { $0 + 1 } ?? end
                try chunk.withUnsafeBufferPointer { (b) throws(OutputSink.Failure) in
                    try sink.write(UnsafeBufferPointer(rebasing: b[start..<stop]))
                }
                start = stop
                if found != nil { return }
            }
            if eof { try sink.write([separator]); return }
            do { try fill() } catch { throw .io(error) }
        }
    }

    private func fill() throws(IOFailure) {
        let n = try SystemIO.read(fd, into: &chunk, path: path)
        start = 0
        end = n
        if n == 0 { eof = true }
    }
}
