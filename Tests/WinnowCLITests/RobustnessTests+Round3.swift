import Foundation
import Testing

/// Issue 17, the second half of the round: rows 28 and up of docs/robustness.md.
extension RobustnessTests {
    // MARK: --in-place keeps what the file was

    @Test func inPlaceKeepsModeOwnerAndSymlinks() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write(page, to: dir + "/in/a.txt")
        try write(page, to: dir + "/real.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/in/l.txt", withDestinationPath: "../real.txt")
        #expect(chmod(dir + "/in/a.txt", 0o2640) == 0)
        // Another owner (only root may give a file away).
        let root = getuid() == 0
        if root { #expect(chown(dir + "/in/a.txt", 1234, 5678) == 0) }
        let run = try winnow(["batch", dir + "/in", "--in-place=.orig", "--no-progress"])
        #expect(run.status == 0, "\(run.stderr)")
        var info = stat()
        #expect(stat(dir + "/in/a.txt", &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o2640)
        if root { #expect(info.st_uid == 1234 && info.st_gid == 5678) }
        #expect(try String(contentsOfFile: dir + "/in/a.txt", encoding: .utf8) == cleanedPage)
        // The link stays a link; the file it points to is cleaned, its backup beside it.
        #expect(lstat(dir + "/in/l.txt", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: dir + "/real.txt", encoding: .utf8) == cleanedPage)
        #expect(try String(contentsOfFile: dir + "/real.txt.orig", encoding: .utf8) == page)
        #expect(try String(contentsOfFile: dir + "/in/a.txt.orig", encoding: .utf8) == page)
    }
}
