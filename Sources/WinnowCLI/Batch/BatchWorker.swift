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
        let document: [UInt8]
        switch prepared {
        case .text(let text): document = text
        case .notText(let why):
            for notice in notices { Diagnostics.say(notice, maxDocBytes: settings.maxDocBytes) }
            outcome.status = .failed(why)
            return outcome
        }
        // Batch fails text that is not UTF-8 (the filter warns and reads it as it is):
        // the failure says it, not the warning too.
        if let problem = TextCheck.problem(document) {
            outcome.status = .failed(problem)
            return outcome
        }
        for notice in notices { Diagnostics.say(notice, maxDocBytes: settings.maxDocBytes) }
        settings.sites.use(for: cleaner, file: item.input, folderKey: TemplateFirstPass.site(of: item.input))
        let result = document.withUnsafeBufferPointer { cleaner.clean($0, learning: learning, turn: turn) }
        // A rule that hit a match limit decided nothing on its line: said, as the filter says it.
        for warning in result.ruleWarnings { Diagnostics.warning("\(item.input): \(warning)") }
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
        let invalid = bytes.withUnsafeBufferPointer { EncodingDetector.invalidBytes($0) }
        return invalid * 100 > bytes.count ? "not UTF-8 text (\(invalid) invalid bytes)" : nil
    }
}
