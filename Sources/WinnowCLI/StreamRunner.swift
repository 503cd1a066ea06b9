import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Many documents through one stream: JSON Lines (`--jsonl`, one record a line,
/// the text field cleaned in place) or NUL-separated documents (`-z`). Records are
/// read, cleaned and written one at a time.
struct StreamRunner {
    enum Mode { case jsonl(textKey: String, meta: Bool), nul }

    let cleaner: Cleaner
    let mode: Mode
    let maxDocBytes: Int
    let strict: Bool
    /// Flush after every record (`--line-buffered`), for a reader waiting on each one.
    var lineBuffered = false
    /// How a `-z` document's bytes become text (JSON Lines text is UTF-8 by definition).
    var inputText = InputText(encoding: "utf-8")
    /// Which site each document is (`--site`, `--site-key`).
    var sites = StreamSites()

    /// Returns false when any record or input failed.
    func run(_ paths: [String]) -> Bool {
        let sink = OutputSink(fd: 1)
        var ok = true
        do throws(OutputSink.Failure) {
            for path in paths {
                let fd: Int32 = path == "-" ? 0 : open(path.pathCString, O_RDONLY | O_CLOEXEC)
                let name = path == "-" ? "(standard input)" : path
                guard fd >= 0 else {
                    Diagnostics.error(IOFailure(path: path, errno: errno).description)
                    ok = false
                    continue
                }
                defer { if fd > 0 { close(fd) } }
                let (fine, stop) = try process(fd: fd, name: name, sink: sink)
                ok = ok && fine
                if stop { break }
            }
            try sink.flush()
        } catch {
            switch error {
            case .brokenPipe: return ok
            case .io(let failure):
                Diagnostics.error(failure.description)
                return false
            }
        }
        return ok
    }

    /// Processes one input; returns (no record failed, stop now because of --strict).
    /// Every record written ends with the separator, also an input's last one that
    /// lacked it, so the next input's first record never fuses with it.
    private func process(fd: Int32, name: String, sink: OutputSink) throws(OutputSink.Failure) -> (Bool, Bool) {
        let separator: UInt8 = { if case .nul = mode { 0 } else { 0x0A } }()
        let reader = RecordReader(fd: fd, separator: separator, cap: maxDocBytes, path: name)
        var jsonl: JSONLDocumentCleaner? = nil
        if case .jsonl(let key, let meta) = mode { jsonl = JSONLDocumentCleaner(cleaner: cleaner, textKey: key, addMeta: meta, sites: sites) }
        var out: [UInt8] = []
        var number = 0
        var ok = true
        while true {
            let next: RecordReader.Next
            do { next = try reader.next() } catch {
                Diagnostics.error(error.description)
                return (false, strict)
            }
            number += 1
            switch next {
            case .end:
                return (ok, false)
            case .oversized:
                Diagnostics.warning("\(name): record \(number): larger than --max-doc-bytes (\(maxDocBytes) bytes): passed through unchanged")
                try sink.write(reader.buffer)
                try reader.copyRestOfRecord(to: sink)
                if lineBuffered { try sink.flush() }
            case .record:
                out.removeAll(keepingCapacity: true)
                if var j = jsonl {
                    let failure = cleanRecord(&j, reader.buffer, name: name, number: number, into: &out, templates: cleaner.options.templates)
                    jsonl = j
                    if let failure {
                        Diagnostics.error("\(name): record \(number): \(failure); passed through unchanged")
                        ok = false
                        if strict { return (false, true) }
                    }
                } else {
                    switch inputText.prepare(reader.buffer, name: "\(name): record \(number)") {
                    case .text(let text):
                        text.withUnsafeBufferPointer { doc in
                            cleaner.useSite(sites.fixed)
                            cleaner.options.templates?.add(doc, site: cleaner.templateSite)
                            let result = cleaner.clean(doc)
                            CleanWriter.write(doc, result, into: &out, finalLineEnd: .likeInput)
                        }
                    case .notText(let why):
                        Diagnostics.error("\(name): record \(number): \(why): passed through unchanged")
                        ok = false
                        out.append(contentsOf: reader.buffer)
                    }
                }
                out.append(separator)
                try sink.write(out)
                if lineBuffered { try sink.flush() }
            }
        }
    }

    /// Cleans one JSON Lines record into `out`; on failure copies it unchanged and says why.
    private func cleanRecord(_ j: inout JSONLDocumentCleaner, _ record: [UInt8], name: String, number: Int, into out: inout [UInt8],
                             templates: TemplateIndex?) -> String? {
        var body = record[...]
        // A byte-order mark before the first record is kept, and skipped for parsing.
        if number == 1, body.starts(with: [0xEF, 0xBB, 0xBF]) {
            out.append(contentsOf: [0xEF, 0xBB, 0xBF])
            body = body.dropFirst(3)
        }
        // A blank line is not a record: it passes through.
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { out.append(contentsOf: body); return nil }
        let failure = body.withUnsafeBufferPointer { b -> String? in
            do throws(JSONLError) {
                _ = try j.clean(record: b, into: &out, templates: templates)
                if j.repeatedKeys > 0 {
                    Diagnostics.warning("\(name): record \(number): the \"\(j.textKey)\" field occurs \(j.repeatedKeys + 1) times: every string occurrence cleaned")
                }
                return nil
            } catch {
                return StreamRunner.describe(error, key: j.textKey)
            }
        }
        if failure != nil { out.append(contentsOf: body) }
        return failure
    }

    static func describe(_ error: JSONLError, key: String) -> String {
        switch error {
        case .notAnObject(let offset): "not a JSON object (byte \(offset + 1))"
        case .malformed(let offset, let reason): "malformed JSON at byte \(offset + 1): \(reason)"
        case .missingKey: "no \"\(key)\" field"
        case .notAString(let offset): "the \"\(key)\" field is not a string (byte \(offset + 1))"
        }
    }
}
