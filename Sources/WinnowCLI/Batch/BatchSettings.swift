import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Where a batch writes and what it skips.
struct BatchSettings: Sendable {
    var inputRoot: String
    var outputRoot: String?
    var inPlace: Bool
    var backupSuffix: String?
    var skipExisting: Bool
    var maxDocBytes: Int
    var inputText = InputText(encoding: "utf-8")
    /// Which site each file is (its folder, or `--site`).
    var sites = SiteOptions()
    /// Collects the template lines removed, for `--save-profiles`.
    var recorder: ProfileRecorder?

    /// The plan's item of a document the batch source read (its path is the input
    /// folder's, then `/` and the relative path).
    func item(at place: DocumentPlace) -> FolderTree.Item {
        FolderTree.Item(input: place.path, relative: String(place.path.dropFirst(inputRoot.count + 1)))
    }

    /// In place, a symlink is followed: the file it points to is rewritten (and its
    /// backup, `TARGET + suffix`, made beside it), the link stays a link.
    func outputPath(for item: FolderTree.Item) -> String {
        guard inPlace else { return outputRoot! + "/" + item.relative }
        guard let real = realpath(item.input.pathCString, nil) else { return item.input }
        defer { free(real) }
        return PathBytes.string(cString: real)
    }
}
