import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// The files of a batch's plan, read in path order on the runner's reader thread.
/// Each is opened without blocking (a path planned as a regular file may have become
/// a FIFO since); one that cannot be read, is not a regular file or is over the cap
/// is a failure item with the reason the batch reports; one whose output is up to
/// date (`--skip-existing`) is left unread. Once interrupted, no further file is read.
struct BatchSource: DocumentSource {
    let items: [FolderTree.Item]
    let settings: BatchSettings

    func read(_ emit: (SourceItem) -> Bool) {
        for item in items {
            if Interrupt.requested || !emit(self.item(item)) { return }
        }
    }

    private func item(_ item: FolderTree.Item) -> SourceItem {
        let place = DocumentPlace(path: item.input)
        let file: OpenedFile
        do { file = try OpenedFile.open(item.input, nonBlocking: true) } catch {
            return .failure(error, endsRunWhenStrict: false)
        }
        defer { close(file.fd) }
        guard file.isRegular else {
            return failure(item, file.isDirectory ? String(cString: strerror(EISDIR)) : "not a regular file")
        }
        if settings.skipExisting, !settings.inPlace, let existing = BatchSource.modificationTime(settings.outputPath(for: item)),
           existing >= BatchSource.mtime(file.info) {
            return .unchanged(place)
        }
        do {
            guard case .complete(let bytes) = try ByteReader.read(file, cap: settings.maxDocBytes, path: item.input) else {
                return failure(item, "larger than --max-doc-bytes (\(settings.maxDocBytes) bytes)")
            }
            return .document(bytes, place)
        } catch {
            return .failure(error, endsRunWhenStrict: false)
        }
    }

    private func failure(_ item: FolderTree.Item, _ reason: String) -> SourceItem {
        var failure = IOFailure(path: item.input, errno: 0)
        failure.message = reason
        return .failure(failure, endsRunWhenStrict: false)
    }

    static func mtime(_ info: stat) -> Double {
        Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    private static func modificationTime(_ path: String) -> Double? {
        var info = stat()
        return stat(path.pathCString, &info) == 0 ? mtime(info) : nil
    }
}
