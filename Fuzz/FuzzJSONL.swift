// libFuzzer target (c): the JSON Lines record splicer.
//
// `JSONLRecord.locate` on arbitrary bytes (key "text"). Errors must carry offsets
// inside the record. When it finds the field: `decodeString` must accept the literal
// `locate` validated; `splice` of the decoded text must leave every byte outside
// `valueRange` unchanged; the new literal must decode to the same text; and the
// spliced record must locate again at the same offset, with or without an extra
// member added before the closing brace.
//
// Compiled into the same module as the WinnowCore sources (see build.sh).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let record = UnsafeBufferPointer(start: data, count: size)
    let location: JSONLRecord.Location
    do {
        location = try JSONLRecord.locate(key: "text", in: record)
    } catch {
        switch error {
        case .notAnObject(let offset), .notAString(let offset):
            precondition(offset >= 0 && offset <= size, "error offset \(offset) outside the record (\(size) bytes)")
        case .malformed(let offset, _):
            precondition(offset >= 0 && offset <= size, "error offset \(offset) outside the record (\(size) bytes)")
        case .missingKey:
            break
        }
        return 0
    }
    let value = location.valueRange
    precondition(value.lowerBound >= 0 && value.upperBound <= location.closingBrace && location.closingBrace < size)
    precondition(record[value.lowerBound] == 0x22 && record[value.upperBound - 1] == 0x22 && record[location.closingBrace] == 0x7D)

    var text: [UInt8] = [0xAA]   // decodeString appends: a byte already there must stay
    do {
        try JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: record[value]), into: &text)
    } catch {
        fatalError("decodeString rejected a literal locate accepted: \(error)")
    }
    precondition(text.first == 0xAA)
    text.removeFirst()

    var out: [UInt8] = [0x55]
    text.withUnsafeBufferPointer { JSONLRecord.splice(record: record, location: location, newText: $0, extraMember: nil, into: &out) }
    precondition(out.first == 0x55)
    out.removeFirst()
    checkSplice(record, location, out, text)

    // With an extra member before the closing brace.
    let member = Array(#""winnow":{"n":1}"#.utf8)
    var withMember: [UInt8] = []
    text.withUnsafeBufferPointer { JSONLRecord.splice(record: record, location: location, newText: $0, extraMember: member, into: &withMember) }
    let relocated = withMember.withUnsafeBufferPointer { b -> JSONLRecord.Location? in try? JSONLRecord.locate(key: "text", in: b) }
    guard let relocated else { fatalError("record with an extra member does not locate") }
    precondition(relocated.valueRange.lowerBound == value.lowerBound)
    return 0
}

private func checkSplice(_ record: UnsafeBufferPointer<UInt8>, _ location: JSONLRecord.Location, _ out: [UInt8], _ text: [UInt8]) {
    let value = location.valueRange
    let suffixCount = record.count - value.upperBound
    precondition(out.count >= value.lowerBound + 2 + suffixCount, "spliced record too short")
    precondition(out[..<value.lowerBound].elementsEqual(record[..<value.lowerBound]), "bytes before the value changed")
    precondition(out[(out.count - suffixCount)...].elementsEqual(record[value.upperBound...]), "bytes after the value changed")
    let literal = out[value.lowerBound..<(out.count - suffixCount)]
    var again: [UInt8] = []
    do {
        try literal.withUnsafeBufferPointer { (b) throws(JSONLError) in try JSONLRecord.decodeString(b, into: &again) }
    } catch {
        fatalError("the new literal does not decode: \(error)")
    }
    precondition(again == text, "the new literal decodes to other text")
    let relocated = out.withUnsafeBufferPointer { b -> JSONLRecord.Location? in try? JSONLRecord.locate(key: "text", in: b) }
    guard let relocated else { fatalError("spliced record does not locate") }
    precondition(relocated.valueRange == value.lowerBound..<(out.count - suffixCount), "spliced record locates elsewhere")
}
