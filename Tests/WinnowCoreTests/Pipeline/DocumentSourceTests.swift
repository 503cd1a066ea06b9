import Foundation
import Testing
@testable import WinnowCore

/// Each document source alone: what it hands on, in order, and how it says what
/// it could not read.
@Suite struct DocumentSourceTests {
    @Test func fileSourceHandsOnEachFileWholeAndGoesOnAfterAFailure() throws {
        let dir = try folder(["a.txt": "one\ntwo\n".bytes, "b.txt": "three".bytes])
        let got = items(of: FileSource(paths: [dir + "/a.txt", dir + "/missing.txt", dir, dir + "/b.txt"], cap: 100))
        #expect(got.map(\.kind) == ["document", "open failure", "open failure", "document"])
        #expect(got[0].bytes == "one\ntwo\n".bytes && got[0].place == dir + "/a.txt")
        #expect(got[1].place == dir + "/missing.txt: No such file or directory")
        #expect(got[2].place == dir + ": Is a directory")
        #expect(got[3].bytes == "three".bytes)
    }

    @Test func fileSourceHandsOnAFileOverTheCapWithItsRestEndedByALineEnd() throws {
        let dir = try folder(["big.txt": "0123456789abcdef".bytes])
        let got = items(of: FileSource(paths: [dir + "/big.txt"], cap: 4))
        #expect(got.map(\.kind) == ["oversized"])
        #expect(got[0].bytes == "0123456789abcdef\n".bytes)
    }

    @Test func recordSourceSplitsOnItsSeparatorAndNumbersTheRecords() throws {
        let dir = try folder(["s.nul": "a\nb\0\0c".bytes, "s.jsonl": "{\"text\":\"x\"}\n\n{}".bytes])
        let nul = items(of: RecordSource.nul([dir + "/s.nul"], cap: 100))
        #expect(nul.map(\.bytes) == ["a\nb".bytes, [], "c".bytes])
        #expect(nul.map(\.place) == (1...3).map { dir + "/s.nul: record \($0)" })
        let jsonl = items(of: RecordSource.jsonl([dir + "/s.jsonl", dir + "/none.jsonl"], cap: 100))
        #expect(jsonl.map(\.kind) == ["document", "document", "document", "open failure"])
        #expect(jsonl.map(\.bytes).prefix(3) == ["{\"text\":\"x\"}".bytes, [], "{}".bytes])
    }

    @Test func recordSourcePassesARecordOverTheCapWithItsSeparator() throws {
        let dir = try folder(["s.nul": "short\0a long record\0last".bytes])
        let got = items(of: RecordSource.nul([dir + "/s.nul"], cap: 6))
        #expect(got.map(\.kind) == ["document", "oversized", "document"])
        #expect(got[1].bytes == "a long record\0".bytes)
        #expect(got[2].bytes == "last".bytes)
    }

    /// Records across the reader's 64 KiB chunks, over the cap between them, and empty:
    /// each document comes whole, in an array of its own size (not one as large as the
    /// largest record yet, which every document held before).
    @Test func recordSourceHandsEachRecordWholeInAnArrayOfItsOwnSize() throws {
        var random = SplitMix64(seed: 5)
        let records: [[UInt8]] = (0..<120).map { n in
            let size = n % 17 == 0 ? 0 : n % 29 == 0 ? 9_000 : Int(random.next() % 3_000)
            return (0..<size).map { UInt8(0x61 + ($0 + n) % 26) }
        }
        let stream = Array(records.map { $0 + [0] }.joined())
        #expect(stream.count > 2 * ByteReader.chunk, "several chunks")
        let dir = try folder(["s.nul": stream])
        var got: [(kind: String, bytes: [UInt8])] = []
        var largestCapacity = 0
        RecordSource.nul([dir + "/s.nul"], cap: 8_000).read { item in
            switch item {
            case .document(let bytes, _):
                got.append(("document", bytes))
                largestCapacity = max(largestCapacity, bytes.capacity - bytes.count)
            case .oversized(let prefix, _, let rest):
                got.append(("oversized", (try? written { sink in try sink.write(prefix); try rest.copy(after: prefix, to: sink) }) ?? []))
            default: Issue.record("\(item)")
            }
            return true
        }
        #expect(got.map(\.kind) == records.map { $0.count > 8_000 ? "oversized" : "document" })
        #expect(got.map(\.bytes) == records.map { $0.count > 8_000 ? $0 + [0] : $0 })
        #expect(largestCapacity < 64, "a document's array holds \(largestCapacity) spare bytes")
    }

    @Test func aSourceStopsWhenTold() throws {
        let dir = try folder(["s.nul": "a\0b\0c".bytes])
        var seen = 0
        RecordSource.nul([dir + "/s.nul"], cap: 10).read { _ in seen += 1; return seen < 2 }
        #expect(seen == 2)
    }

    @Test func folderTreeListsMatchingFilesInPathOrderWithoutHiddenOrTemporaryOnes() throws {
        let dir = try folder(["b/2.txt": [], "a.txt": [], "b/1.txt": [], "c.md": [], ".hidden.txt": [],
                              "b/.x.txt.winnow-tmp-1-1": []])
        #expect(FolderTree(root: dir, glob: "*.txt", includeHidden: false).items.map(\.relative) == ["a.txt", "b/1.txt", "b/2.txt"])
        #expect(FolderTree(root: dir, glob: "*.txt", includeHidden: true).items.map(\.relative) == [".hidden.txt", "a.txt", "b/1.txt", "b/2.txt"])
    }

    @Test func corpusSourceReadsFoldersAndFilesAndSaysWhatIsMissing() throws {
        let dir = try folder(["site/1.txt": "one".bytes, "site/2.txt": "two".bytes, "site/x.md": "no".bytes, "3.txt": "three".bytes])
        let got = items(of: CorpusSource(paths: [dir + "/site", dir + "/none", dir + "/3.txt"]))
        #expect(got.map(\.kind) == ["document", "document", "open failure", "document"])
        #expect(got.map(\.bytes) == ["one".bytes, "two".bytes, [], "three".bytes])
        #expect(got[2].place == dir + "/none: No such file or directory")
    }

    /// The one JSON Lines reading: before it, `stats --jsonl` and `learn --jsonl`
    /// skipped a first record behind a byte-order mark and every bad record silently.
    @Test func corpusSourceReadsJSONLinesAsTheFilterDoesAndRejectsBadRecords() throws {
        let text = [0xEF, 0xBB, 0xBF] + "{\"text\":\"first\"}\n\n  \n{\"text\":5}\nnot json\n{\"id\":1}\n{\"text\":\"a\\nb\"}".bytes
        let dir = try folder(["r.jsonl": text])
        var documents: [[UInt8]] = []
        var bad: [String] = []
        CorpusSource(paths: [dir + "/r.jsonl"], textKey: "text").read { item in
            switch item {
            case .document(let text, _): documents.append(text)
            case .rejected(.badRecord(let place, let error, "text")): bad.append("\(place.record ?? 0) \(error)")
            default: Issue.record("\(item)")
            }
            return true
        }
        #expect(documents == ["first".bytes, "a\nb".bytes])
        #expect(bad == ["4 notAString(offset: 8)", "5 notAnObject(offset: 0)", "6 missingKey"])
    }
}
