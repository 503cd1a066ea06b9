import WinnowCore

/// Cleans a stream's records: a `-z` document, or a JSON Lines record's text field.
/// One per worker thread (it owns a `Cleaner`); the cross-document index is shared
/// and learns in input order (see `TemplateSnapshot`). Each record picks its site
/// (`StreamSites`) on the worker's cleaner before it is counted and cleaned: the
/// profile it is cleaned with and the key its lines are counted and looked up under.
final class StreamRecordCleaner {
    typealias Turn = OrderedPipeline<StreamItem, StreamOutput>.Turn

    private let cleaner: Cleaner
    private var jsonl: JSONLDocumentCleaner?
    private let separator: UInt8
    private let inputText: InputText
    /// With --cross-doc: the lines seen so far across the stream.
    private let templates: TemplateIndex?
    /// Which site each document is (`--site`, `--site-key`).
    private let sites: StreamSites

    init(cleaner: Cleaner, mode: StreamRunner.Mode, inputText: InputText, templates: TemplateIndex?, sites: StreamSites = StreamSites()) {
        self.cleaner = cleaner
        self.inputText = inputText
        self.templates = templates
        self.sites = sites
        switch mode {
        case .jsonl(let key, let meta):
            jsonl = JSONLDocumentCleaner(cleaner: cleaner, textKey: key, addMeta: meta, sites: sites)
            separator = 0x0A
        case .nul:
            separator = 0
        }
    }

    func process(_ item: StreamItem, turn: Turn) -> StreamOutput {
        guard case .record(let bytes, let place) = item else { return .passed(item) }
        var record = CleanedRecord()
        record.bytes.reserveCapacity(bytes.count + 1)
        if jsonl != nil {
            cleanJSONL(bytes, place: place, turn: turn, into: &record)
        } else {
            cleanDocument(bytes, place: place, turn: turn, into: &record)
        }
        record.bytes.append(separator)
        return .cleaned(record)
    }

    private func cleanDocument(_ bytes: [UInt8], place: RecordPlace, turn: Turn, into record: inout CleanedRecord) {
        switch inputText.prepare(bytes, name: place.description, messages: &record.messages) {
        case .text(let text):
            // A -z document has no field naming its site: --site, or the stream's one site.
            cleaner.useSite(sites.fixed)
            let snapshot = learn([text], site: cleaner.templateSite, turn: turn)?.first
            text.withUnsafeBufferPointer { doc in
                let result = cleaner.clean(doc, snapshot: snapshot)
                CleanWriter.write(doc, result, into: &record.bytes, finalLineEnd: .likeInput)
            }
        case .notText(let why):
            record.messages.error("\(place.description): \(why): passed through unchanged")
            record.failed = true
            record.bytes.append(contentsOf: bytes)
        }
    }

    /// Cleans one JSON Lines record; a malformed one is copied unchanged and reported.
    private func cleanJSONL(_ bytes: [UInt8], place: RecordPlace, turn: Turn, into record: inout CleanedRecord) {
        guard var j = jsonl else { return }
        defer { jsonl = j }
        var body = bytes[...]
        // A byte-order mark before an input's first record is kept, and skipped for parsing.
        if place.number == 1, body.starts(with: [0xEF, 0xBB, 0xBF]) {
            record.bytes.append(contentsOf: [0xEF, 0xBB, 0xBF])
            body = body.dropFirst(3)
        }
        // A blank line is not a record: it passes through.
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { record.bytes.append(contentsOf: body); return }
        let learning: JSONLDocumentCleaner.Learn? = templates == nil ? nil : { [self] texts, site in learn(texts, site: site, turn: turn) ?? [] }
        let failure = body.withUnsafeBufferPointer { b -> String? in
            do throws(JSONLError) {
                _ = try j.clean(record: b, into: &record.bytes, learn: learning)
                if j.repeatedKeys > 0 {
                    record.messages.warning("\(place.description): the \"\(j.textKey)\" field occurs \(j.repeatedKeys + 1) times: every string occurrence cleaned")
                }
                return nil
            } catch {
                return StreamRecordCleaner.describe(error, key: j.textKey)
            }
        }
        guard let failure else { return }
        record.messages.error("\(place.description): \(failure); passed through unchanged")
        record.failed = true
        record.malformed = true
        record.bytes.append(contentsOf: body)
    }

    /// With --cross-doc: counts the texts in the index in input order, under their
    /// site's key, and returns the snapshots to clean them with (each read under that
    /// same key). The keys are worked out before the turn, in parallel.
    private func learn(_ texts: [[UInt8]], site: UInt64, turn: Turn) -> [TemplateSnapshot]? {
        guard let templates else { return nil }
        let keys = texts.map { $0.withUnsafeBufferPointer { TemplateIndex.keys($0) } }
        return turn.inOrder { keys.map { TemplateSnapshot(adding: $0, to: templates, site: site) } }
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
