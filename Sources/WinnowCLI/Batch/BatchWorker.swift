import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// What a batch worker hands back for a file: its outcome and, with `--report`, its line.
struct BatchDone {
    var outcome: DocumentReport
    var line: [UInt8] = []
}

/// Cleans one file, read by `BatchSource`, into its output (or in place): a
/// `DocumentWorker` of the batch's `Runner`, one a worker thread. Its output is the
/// file's outcome and report line (nil once interrupted: the file is not started),
/// which the runner hands back in path order (`BatchRun`).
struct BatchWorker: DocumentWorker {
    let cleaner: Cleaner
    let settings: BatchSettings
    /// The first pass's counts (`--no-cross-doc`: nil).
    let learning: LearnedTemplates?
    /// `--report`'s printer; nil without a report.
    let report: ReportPrinter?

    func process(_ bytes: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> BatchDone? {
        guard let outcome = clean(bytes, place, turn: turn) else { return nil }
        var done = BatchDone(outcome: outcome)
        report?.print(outcome, place: place, into: &done.line)
        return done
    }

    private func clean(_ bytes: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> DocumentReport? {
        guard !Interrupt.requested else { return nil }
        var outcome = DocumentReport()
        let item = settings.item(at: place)
        let target = settings.outputPath(for: item)
        // In place, the output keeps the input's mode and owner.
        var info = stat()
        if settings.inPlace && stat(item.input.pathCString, &info) != 0 {
            outcome.status = .failed(String(cString: strerror(errno)))
            return outcome
        }
        var notices: [Notice] = []
        let prepared = settings.inputText.prepare(bytes, place: place, notices: &notices)
        for notice in notices { Diagnostics.say(notice, maxDocBytes: settings.maxDocBytes) }
        let document: [UInt8]
        switch prepared {
        case .text(let text): document = text
        case .notText(let why):
            outcome.status = .failed(why)
            return outcome
        }
        if let problem = TextCheck.problem(document) {
            outcome.status = .failed(problem)
            return outcome
        }
        settings.sites.use(for: cleaner, file: item.input, folderKey: TemplateFirstPass.site(of: item.input))
        let result = document.withUnsafeBufferPointer { cleaner.clean($0, learning: learning, turn: turn) }
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
        return DocumentReport(cleaned: document, result, bytesOut: out.count, ruleSet: cleaner.ruleSet)
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
