import Testing
@testable import WinnowCore

/// How a JSON Lines record is framed before its text is read.
@Suite struct JSONLFrameTests {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func aByteOrderMarkIsSetAsideOnlyBeforeAnInputsFirstRecord() throws {
        let first = JSONLFrame(bom + "{\"text\":\"x\"}".bytes, place: DocumentPlace(path: "f", record: 1))
        #expect(first.byteOrderMark && Array(first.body) == "{\"text\":\"x\"}".bytes)
        #expect(try first.text(key: "text") == "x".bytes)
        let later = JSONLFrame(bom + "{}".bytes, place: DocumentPlace(path: "f", record: 2))
        #expect(!later.byteOrderMark && Array(later.body) == bom + "{}".bytes)
    }

    @Test func aBlankLineIsNotARecord() {
        for line in ["", "  ", "\t\r"] {
            #expect(JSONLFrame(line.bytes, place: DocumentPlace(path: "f", record: 3)).isBlank)
        }
        #expect(!JSONLFrame("{}".bytes, place: DocumentPlace(path: "f", record: 3)).isBlank)
    }

    @Test func aRecordThatCannotBeReadSaysWhy() {
        let place = DocumentPlace(path: "f", record: 2)
        #expect(throws: JSONLError.missingKey) { try JSONLFrame("{\"id\":1}".bytes, place: place).text(key: "text") }
        #expect(throws: JSONLError.notAnObject(offset: 0)) { try JSONLFrame("[1]".bytes, place: place).text(key: "text") }
    }
}
