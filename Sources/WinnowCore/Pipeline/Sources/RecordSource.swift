#if canImport(Glibc)
import Glibc
#endif

/// Many documents in one stream, split on one byte: NUL (`-z`) or the line end
/// (JSON Lines, whose records `JSONLFrame` reads). Memory is bounded by the
/// largest record, never by the stream.
public struct RecordSource: DocumentSource {
    public let paths: [String]
    public let separator: UInt8
    /// Records over this many bytes are handed on as `.oversized`.
    public let cap: Int

    public init(paths: [String], separator: UInt8, cap: Int) {
        self.paths = paths
        self.separator = separator
        self.cap = cap
    }

    /// NUL-separated documents.
    public static func nul(_ paths: [String], cap: Int) -> RecordSource { RecordSource(paths: paths, separator: 0, cap: cap) }

    /// JSON Lines records.
    public static func jsonl(_ paths: [String], cap: Int) -> RecordSource { RecordSource(paths: paths, separator: 0x0A, cap: cap) }

    /// Every input's records in order. Each input's last record is written with a
    /// separator too, so the next input's first one never fuses with it.
    public func read(_ emit: (SourceItem) -> Bool) {
        for path in paths {
            let fd: Int32 = path == "-" ? 0 : open(path.pathCString, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                if !emit(.failure(IOFailure(path: path, errno: errno), endsRunWhenStrict: false)) { return }
                continue
            }
            defer { if fd > 0 { close(fd) } }
            if !readRecords(fd: fd, path: path, emit) { return }
        }
    }

    /// Hands on one input's records; false once the run has stopped.
    private func readRecords(fd: Int32, path: String, _ emit: (SourceItem) -> Bool) -> Bool {
        let reader = RecordReader(fd: fd, separator: separator, cap: cap, path: DocumentPlace(path: path).name)
        var number = 0
        while true {
            let next: RecordReader.Next
            do { next = try reader.next() } catch {
                return emit(.failure(error, endsRunWhenStrict: true))
            }
            number += 1
            let place = DocumentPlace(path: path, record: number)
            switch next {
            case .end:
                return true
            case .oversized:
                if !emit(.oversized(reader.buffer, place, reader)) { return false }
            case .record:
                if !emit(.document(reader.record(), place)) { return false }
            }
        }
    }
}

extension RecordReader: DocumentRest {
    public func copy(after prefix: [UInt8], to sink: OutputSink) throws(OutputSink.Failure) {
        try copyRestOfRecord(to: sink)
    }
}
