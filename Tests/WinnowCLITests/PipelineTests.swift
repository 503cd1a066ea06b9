import Foundation
import Testing

/// JSON Lines and NUL-separated streams through one process.
@Suite struct PipelineTests {
    let page = "Title\\n×\\nBody line one.\\nBody line one."

    @Test func jsonlCleansTheTextAndKeepsEveryOtherByte() throws {
        let records = [
            #"{"id":1,"text":"\#(page)","tags":["a","b"],"nested":{"text":"not me"}}"#,
            #"{ "url" : "http://x/y?q=1&r=\"2\"" ,  "text" : "\#(page)" , "n": -1.5e+3, "ok": true, "none": null }"#,
            #"{"عنوان":"سلام","text":"\#(page)","emoji":"\ud83d\ude00"}"#,
            #"{"te\u0078t":"\#(page)"}"#,
        ]
        let run = try winnow(["--jsonl"], stdin: Array((records.joined(separator: "\n") + "\n").utf8))
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5 && lines[4].isEmpty)
        for (input, output) in zip(records, lines) {
            // Everything but the text field's value is byte for byte the same.
            #expect(output == input.replacingOccurrences(of: page, with: "Title\\nBody line one."))
        }
    }

    @Test func jsonlCleanedTextIsValidJSONWithTheRightLines() throws {
        let record = #"{"text":"سفر وزیر به مسکو\n×\nمتن \"نقل قول\" و \\ بک‌اسلش\t.\nمتن \"نقل قول\" و \\ بک‌اسلش\t."}"#
        let run = try winnow(["--jsonl"], stdin: Array((record + "\n").utf8))
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: String]
        #expect(object?["text"] == "سفر وزیر به مسکو\nمتن \"نقل قول\" و \\ بک‌اسلش\t.")
    }

    @Test func malformedRecordsPassThroughAreReportedAndExitTwo() throws {
        let input = [
            #"{"text":"ok"}"#,
            #"not json"#,
            #"{"id":2}"#,
            #"{"text":42}"#,
            #"{"text":"truncated"#,
            #"{"text":"fine again"}"#,
        ]
        let run = try winnow(["--jsonl"], stdin: Array((input.joined(separator: "\n") + "\n").utf8))
        #expect(run.status == 2)
        #expect(run.out == input.joined(separator: "\n") + "\n")
        let errors = run.stderr.split(separator: "\n").map(String.init)
        #expect(errors.count == 4)
        #expect(errors[0].hasPrefix("winnow: (standard input): record 2: not a JSON object"))
        #expect(errors[1].hasPrefix("winnow: (standard input): record 3: no \"text\" field"))
        #expect(errors[2].hasPrefix("winnow: (standard input): record 4: the \"text\" field is not a string"))
        #expect(errors[3].hasPrefix("winnow: (standard input): record 5: malformed JSON"))
    }

    @Test func strictStopsAtTheFirstMalformedRecord() throws {
        let run = try winnow(["--jsonl", "--strict"], stdin: Array("{\"text\":\"a\"}\nbad\n{\"text\":\"b\"}\n".utf8))
        #expect(run.status == 2)
        #expect(run.out == "{\"text\":\"a\"}\n")
        #expect(run.stderr.contains("record 2: not a JSON object"))
    }

    @Test func textKeyChoosesTheField() throws {
        let run = try winnow(["--jsonl", "--text-key", "body"], stdin: Array(#"{"text":"A\nA","body":"B\nB"}"#.utf8))
        #expect(run.out == #"{"text":"A\nA","body":"B"}"# + "\n")
    }

    @Test func metaAddsOneFieldWithCapturesAndCounts() throws {
        let record = #"{"text":"شناسه خبر : 264802\nمتن خبر که به اندازه کافی بلند است تا یک پاراگراف باشد و نقطه دارد.\nمنبع: ایسنا","id":7}"#
        let run = try winnow(["--jsonl", "--meta"], stdin: Array(record.utf8))
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any]
        let winnow = object?["winnow"] as? [String: Any]
        #expect(object?["id"] as? Int == 7)
        #expect(winnow?["lang"] as? String == "fa")
        #expect(winnow?["lines_removed"] as? Int == 2)
        #expect((winnow?["meta"] as? [String: String]) == ["id": "264802", "source": "ایسنا"])
        #expect((winnow?["removed_by"] as? [String: Int]) == ["fa.news-id": 1, "fa.source": 1])
        #expect(run.out.hasPrefix(#"{"text":"متن خبر"#))
        #expect(run.out.hasSuffix(#","id":7,"winnow":{"lang":"fa","lines_in":3,"lines_removed":2,"meta":{"id":"264802","source":"ایسنا"},"removed_by":{"fa.news-id":1,"fa.source":1}}}"# + "\n"))
    }

    @Test func aByteOrderMarkAndCRLFRecordsAreHandled() throws {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"text\":\"A\\nA\"}\r\n{\"text\":\"B\"}\r\n".utf8)
        let run = try winnow(["--jsonl"], stdin: input)
        #expect(run.status == 0)
        #expect(run.stdout == [0xEF, 0xBB, 0xBF] + Array("{\"text\":\"A\"}\r\n{\"text\":\"B\"}\r\n".utf8))
    }

    @Test func aTruncatedLastRecordIsReportedAndKept() throws {
        let run = try winnow(["--jsonl"], stdin: Array("{\"text\":\"A\"}\n{\"text\":\"B".utf8))
        #expect(run.status == 2)
        #expect(run.out == "{\"text\":\"A\"}\n{\"text\":\"B\n")
    }

    @Test func aHugeRecordOverTheCapPassesThrough() throws {
        let big = "{\"text\":\"" + String(repeating: "x", count: 10_000) + "\"}"
        let run = try winnow(["--jsonl", "--max-doc-bytes", "1000"], stdin: Array((big + "\n{\"text\":\"a\\na\"}\n").utf8))
        #expect(run.status == 0)
        #expect(run.out == big + "\n{\"text\":\"a\"}\n")
        #expect(run.stderr.contains("record 1: larger than --max-doc-bytes"))
    }

    @Test func nulSeparatedDocumentsAreCleanedOneByOne() throws {
        let input = Array("A\n×\nB\u{0}C\nC\n\u{0}D".utf8)
        let run = try winnow(["-z"], stdin: input)
        #expect(run.status == 0)
        #expect(run.stdout == Array("A\nB\u{0}C\n\u{0}D\u{0}".utf8))
        let long = try winnow(["--null-data"], stdin: input)
        #expect(long.stdout == run.stdout)
    }

    @Test func nulDocumentsMatchCleaningEachDocumentAlone() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds").filter { $0.hasSuffix(".txt") }.sorted()
        let docs = try seeds.map { try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/seeds/" + $0)) }
        var joined = Data()
        for d in docs { joined.append(d); joined.append(0) }
        let run = try winnow(["-z"], stdin: [UInt8](joined))
        let outputs = run.stdout.split(separator: 0, omittingEmptySubsequences: false).dropLast()
        #expect(outputs.count == docs.count)
        for (doc, out) in zip(docs, outputs) {
            let alone = try winnow([], stdin: [UInt8](doc))
            // Alone, the output always ends with a newline; in -z mode only if the input did.
            let trimmed = doc.last == 0x0A ? alone.stdout : Array(alone.stdout.dropLast())
            #expect(Array(out) == trimmed)
        }
    }

    @Test func conflictingModesAreUsageErrors() throws {
        #expect(try winnow(["--jsonl", "-z"]).status == 2)
        #expect(try winnow(["--meta"]).status == 2)
        #expect(try winnow(["--jsonl", "--explain"]).status == 2)
    }
}
