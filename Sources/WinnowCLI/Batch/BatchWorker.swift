import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// What happened to one file of a batch.
struct FileOutcome: Sendable {
    enum Status: Sendable { case cleaned, skipped, failed(String) }
    var status: Status = .skipped
    var bytesIn = 0
    var bytesOut = 0
    var linesIn = 0
    var tally = RemovalTally()
    var metadata: [(key: String, value: String)] = []
    var language: Language?
    var overBudget = false
}

/// Cleans one file into its output (or in place). Each worker thread of the
/// batch's `OrderedPipeline` owns one; the pipeline hands the outcomes on in path order.
struct BatchWorker {
    let cleaner: Cleaner
    let settings: BatchSettings

    func process(_ item: FolderTree.Item, turn: BatchRun.Turn) -> FileOutcome {
        var outcome = FileOutcome()
        let target = settings.outputPath(for: item)
        // Opened without blocking: a path planned as a regular file may have become
        // a FIFO since (a blocking open would hang the worker).
        let file: OpenedFile
        do { file = try OpenedFile.open(item.input, nonBlocking: true) } catch {
            outcome.status = .failed(error.message)
            return outcome
        }
        let (fd, info) = (file.fd, file.info)
        defer { close(fd) }
        guard file.isRegular else {
            outcome.status = .failed(file.isDirectory ? String(cString: strerror(EISDIR)) : "not a regular file")
            return outcome
        }
        if settings.skipExisting, !settings.inPlace, let existing = modificationTime(target), existing >= mtime(info) {
            return outcome
        }
        let document: [UInt8]
        do {
            guard case .complete(let bytes) = try ByteReader.read(fd: fd, cap: settings.maxDocBytes, path: item.input) else {
                outcome.status = .failed("larger than --max-doc-bytes (\(settings.maxDocBytes) bytes)")
                return outcome
            }
            var notices: [Notice] = []
            defer { for notice in notices { Diagnostics.say(notice, maxDocBytes: settings.maxDocBytes) } }
            switch settings.inputText.prepare(bytes, place: DocumentPlace(path: item.input), notices: &notices) {
            case .text(let text): document = text
            case .notText(let why):
                outcome.status = .failed(why)
                return outcome
            }
        } catch {
            outcome.status = .failed(error.message)
            return outcome
        }
        if let problem = TextCheck.problem(document) {
            outcome.status = .failed(problem)
            return outcome
        }
        settings.sites.use(for: cleaner, file: item.input, folderKey: TemplateFirstPass.site(of: item.input))
        let result = cleaner.clean(document)
        // In path order, so that a saved profile is the same for any number of jobs.
        if let recorder = settings.recorder {
            turn.inOrder { document.withUnsafeBufferPointer { recorder.record($0, result, site: settings.sites.name(of: item.input) ?? "") } }
        }
        var out: [UInt8] = []
        CleanTextPrinter().print(document, result, place: DocumentPlace(path: item.input), into: &out)
        do {
            if !settings.inPlace {
                let folder = (target as NSString).deletingLastPathComponent
                if PathBytes.bytes(folder) == Array(folder.utf8) {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } else if let reason = Batch.makeFolder(folder) {
                    throw AtomicWriter.Failure(message: "cannot create the output folder: \(reason)")
                }
            }
            try AtomicWriter.write(out, to: target, mode: settings.inPlace ? info.st_mode & 0o7777 : 0o644,
                                   owner: settings.inPlace ? (info.st_uid, info.st_gid) : nil, backupSuffix: settings.inPlace ? settings.backupSuffix : nil)
        } catch let failure as AtomicWriter.Failure {
            outcome.status = .failed(failure.message)
            return outcome
        } catch {
            outcome.status = .failed("cannot create the output folder: \(error.localizedDescription)")
            return outcome
        }
        outcome.status = .cleaned
        outcome.bytesIn = document.count
        outcome.bytesOut = out.count
        outcome.linesIn = result.fates.filter { $0 != .blank }.count
        outcome.tally = RemovalTally(result, ruleSet: cleaner.ruleSet)
        outcome.metadata = result.metadata
        outcome.language = result.language
        outcome.overBudget = result.overBudget
        return outcome
    }

    private func mtime(_ info: stat) -> Double {
        Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    private func modificationTime(_ path: String) -> Double? {
        var info = stat()
        return stat(path.pathCString, &info) == 0 ? mtime(info) : nil
    }
}

/// Tells text from what is not: a NUL byte means binary; more than one byte in a
/// hundred in invalid UTF-8 sequences means another encoding.
enum TextCheck {
    static func problem(_ bytes: [UInt8]) -> String? {
        if bytes.contains(0) { return "binary file (NUL bytes)" }
        var invalid = 0
        var i = 0
        bytes.withUnsafeBufferPointer { b in
            while i < b.count {
                if b[i] < 0x80 { i += 1; continue }
                let length = utf8Length(b, i)
                if length == 0 { invalid += 1; i += 1 } else { i += length }
            }
        }
        return invalid * 100 > bytes.count ? "not UTF-8 text (\(invalid) invalid bytes)" : nil
    }

    /// Length of a valid UTF-8 sequence at `i`, or 0.
    static func utf8Length(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b0 = b[i]
        let length = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 <= 0xDF ? 2 : 0
        guard length > 0, i + length <= b.count else { return 0 }
        for k in 1..<length where b[i + k] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
