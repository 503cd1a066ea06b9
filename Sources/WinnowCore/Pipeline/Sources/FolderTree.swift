import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of a folder tree (a batch run, a corpus): every regular file under
/// the input folder whose name matches the glob, in path order. Hidden files and folders are skipped
/// unless asked for; a symlink to a file is cleaned as that file; symlinked folders
/// are not entered (so a link loop cannot trap the walk); a link that cannot be
/// resolved (dangling, or a loop) is reported as a failure.
public struct FolderTree: Sendable {
    public struct Item: Sendable {
        /// Path of the input file.
        public let input: String
        /// Path relative to the input folder (also the output's relative path).
        public let relative: String

        public init(input: String, relative: String) {
            self.input = input
            self.relative = relative
        }
    }

    public private(set) var items: [Item] = []
    /// Inputs that could not be planned, with the reason.
    public private(set) var failures: [(path: String, reason: String)] = []

    public init(root: String, glob: String, includeHidden: Bool) {
        walk(root, relative: "", glob: glob, includeHidden: includeHidden)
        items.sort { $0.relative < $1.relative }
    }

    private mutating func walk(_ dir: String, relative: String, glob: String, includeHidden: Bool) {
        guard let names = FolderTree.names(in: dir)?.sorted() else {
            failures.append((dir, "cannot read folder"))
            return
        }
        for name in names {
            if !includeHidden && name.hasPrefix(".") { continue }
            if FolderTree.isTemporary(name) { continue }
            let path = dir + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var link = stat()
            guard lstat(path.pathCString, &link) == 0 else { failures.append((path, String(cString: strerror(errno)))); continue }
            let isLink = (link.st_mode & S_IFMT) == S_IFLNK
            // Only a link needs a second look, at what it points to.
            var target = link
            if isLink, stat(path.pathCString, &target) != 0 {
                // Only a link that could have been an input is worth a report.
                if fnmatch(glob, name, 0) != 0 { continue }
                failures.append((path, errno == ELOOP ? "symlink loop" : (isLink ? "dangling symlink" : String(cString: strerror(errno)))))
                continue
            }
            switch target.st_mode & S_IFMT {
            case S_IFDIR:
                if !isLink { walk(path, relative: rel, glob: glob, includeHidden: includeHidden) }
            case S_IFREG:
                if fnmatch(glob, name, 0) == 0 { items.append(Item(input: path, relative: rel)) }
            default:
                continue
            }
        }
    }

    /// The names in folder `dir` (without `.` and `..`), as `PathBytes` strings: a
    /// name that is not UTF-8 keeps its bytes. Nil when the folder cannot be read.
    public static func names(in dir: String) -> [String]? {
        guard let stream = opendir(dir.pathCString) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { PathBytes.string(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Temporary files of an earlier, interrupted run: `.NAME.winnow-tmp-…`.
    public static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".winnow-tmp-")
    }
}
