/// Cleans a JSON Lines record's text field (`JSONLDocumentCleaner`: every other
/// byte kept). The record is read as `JSONLFrame` says; one that cannot be read is
/// passed through unchanged and noticed. Each record picks its site (`StreamSites`)
/// on the worker's cleaner before it is counted and cleaned.
public final class JSONLRecordWorker: DocumentWorker {
    private var jsonl: JSONLDocumentCleaner
    private let learning: (any TemplateLearning)?

    public init(cleaner: Cleaner, textKey: String, addMeta: Bool, sites: StreamSites, learning: (any TemplateLearning)?) {
        jsonl = JSONLDocumentCleaner(cleaner: cleaner, textKey: textKey, addMeta: addMeta, sites: sites)
        self.learning = learning
    }

    public func process(_ record: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> DocumentOutput {
        let frame = JSONLFrame(record, place: place)
        return JSONLRecordWorker.output(record, frame) { done in
            if frame.isBlank {
                done.bytes.append(contentsOf: frame.body)
            } else {
                JSONLRecordWorker.noticeInvalidUTF8(frame.body, place, into: &done)
                clean(frame.body, place: place, turn: turn, into: &done)
            }
        }
    }

    /// JSON text is UTF-8: bytes outside it in a record (a Latin-1 string) are cleaned
    /// and written as they are, so the output is no more JSON than the input; said,
    /// as the filter says it of a text file.
    private static func noticeInvalidUTF8(_ body: ArraySlice<UInt8>, _ place: DocumentPlace, into done: inout DocumentOutput) {
        body.withUnsafeBufferPointer { b in
            guard !EncodingDetector.isValidUTF8(b) else { return }
            done.notices.append(.cleaning(place, "not valid UTF-8 (\(EncodingDetector.invalidBytes(b)) invalid bytes): "
                                          + "JSON must be; cleaned and written as it is"))
        }
    }

    /// Staged when the learning takes turns (`--cross-doc`).
    public var startsWithTurn: Bool { learning?.takesTurns ?? false }

    /// Reads and counts the record in its turn; the closure cleans and writes it.
    public func start(_ record: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> () -> DocumentOutput {
        let frame = JSONLFrame(record, place: place)
        guard let learning, !frame.isBlank else {
            let done = process(record, place, turn: turn)
            return { done }
        }
        let body = frame.body
        let counted = body.withUnsafeBufferPointer { b -> Result<JSONLDocumentCleaner.CountedRecord, JSONLError> in
            do throws(JSONLError) { return .success(try jsonl.count(record: b, learning: learning, turn: turn)) } catch { return .failure(error) }
        }
        let repeatedKeys = jsonl.repeatedKeys
        return { [self] in
            JSONLRecordWorker.output(record, frame) { done in
                JSONLRecordWorker.noticeInvalidUTF8(body, place, into: &done)
                switch counted {
                case .success(let counted):
                    let result = body.withUnsafeBufferPointer { jsonl.finish(counted, record: $0, into: &done.bytes) }
                    noticeRepeats(repeatedKeys, place, into: &done)
                    noticeRulesThatGaveUp(result, place, into: &done)
                case .failure(let failure):
                    fail(failure, body: body, place: place, into: &done)
                }
            }
        }
    }

    /// A record's output: its byte order mark, what `write` adds, its line end.
    private static func output(_ record: [UInt8], _ frame: JSONLFrame, _ write: (inout DocumentOutput) -> Void) -> DocumentOutput {
        var done = DocumentOutput()
        done.bytes.reserveCapacity(record.count + 1)
        if frame.byteOrderMark { done.bytes.append(contentsOf: JSONLFrame.mark) }
        write(&done)
        done.bytes.append(0x0A)
        return done
    }

    /// Says which rules hit a match limit on the record's text (they decided nothing there).
    private func noticeRulesThatGaveUp(_ result: CleanResult, _ place: DocumentPlace, into done: inout DocumentOutput) {
        for warning in result.ruleWarnings { done.notices.append(.cleaning(place, warning)) }
    }

    /// Says so when the record held its text key more than once.
    private func noticeRepeats(_ repeatedKeys: Int, _ place: DocumentPlace, into done: inout DocumentOutput) {
        if repeatedKeys > 0 { done.notices.append(.repeatedKey(place, key: jsonl.textKey, count: repeatedKeys + 1)) }
    }

    private func clean(_ body: ArraySlice<UInt8>, place: DocumentPlace, turn: RunTurn, into done: inout DocumentOutput) {
        let failure = body.withUnsafeBufferPointer { b -> JSONLError? in
            do throws(JSONLError) {
                let result = try jsonl.clean(record: b, into: &done.bytes, learning: learning, turn: turn)
                noticeRepeats(jsonl.repeatedKeys, place, into: &done)
                noticeRulesThatGaveUp(result, place, into: &done)
                return nil
            } catch {
                return error
            }
        }
        guard let failure else { return }
        fail(failure, body: body, place: place, into: &done)
    }

    /// A record that cannot be read: passed through unchanged, and noticed.
    private func fail(_ failure: JSONLError, body: ArraySlice<UInt8>, place: DocumentPlace, into done: inout DocumentOutput) {
        done.notices.append(.badRecord(place, failure, key: jsonl.textKey))
        done.failed = true
        done.malformed = true
        done.bytes.append(contentsOf: body)
    }
}
