#if canImport(Glibc)
import Glibc
#endif

/// Each file is one document; "-" is standard input. A file that cannot be opened
/// or read is a failure item, and the files after it are still read.
public struct FileSource: DocumentSource {
    public let paths: [String]
    /// Documents over this many bytes are handed on as `.oversized`.
    public let cap: Int
    public init(paths: [String], cap: Int) {
        self.paths = paths
        self.cap = cap
    }

    public func read(_ emit: (SourceItem) -> Bool) {
        for path in paths {
            let outcome: ByteReader.Outcome
            let fd: Int32
            do { (outcome, fd) = try ByteReader.read(path: path, cap: cap) }
            catch {
                if !emit(.failure(error, endsRunWhenStrict: false)) { return }
                continue
            }
            // Open until the writer has copied an oversized file's rest.
            defer { if fd > 0 { close(fd) } }
            let place = DocumentPlace(path: path)
            switch outcome {
            case .complete(let bytes):
                if !emit(.document(bytes, place)) { return }
            case .overCap(let prefix):
                if !emit(.oversized(prefix, place, FileRest(fd: fd, path: path))) { return }
            }
        }
    }
}

/// The rest of a file over the cap, still on its descriptor.
final class FileRest: DocumentRest {
    let fd: Int32
    let path: String

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Like every cleaned document, it ends with a line end: the next one never fuses with it.
    func copy(after prefix: [UInt8], to sink: OutputSink) throws(OutputSink.Failure) {
        let last = try sink.copyRest(of: fd, path: path) ?? prefix.last
        if last != 0x0A && last != 0x0D { try sink.write([0x0A]) }
    }
}
