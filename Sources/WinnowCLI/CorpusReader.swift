import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// The documents of a corpus, one at a time: every `*.txt` file under the given
/// folders (and the files given), or the text field of every JSON Lines record.
struct CorpusReader {
    let paths: [String]
    let jsonl: Bool
    let textKey: String
    let glob: String

    /// Calls `body` with each document; returns the inputs that could not be read.
    func forEach(_ body: ([UInt8]) -> Void) -> [String] {
        var problems: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                problems.append("\(path): No such file or directory")
                continue
            }
            let files = isDir.boolValue ? BatchPlan(root: path, glob: glob, includeHidden: false).items.map(\.input) : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { problems.append("\(file): cannot read"); continue }
                if jsonl {
                    for line in data.split(separator: 0x0A) {
                        let record = [UInt8](line)
                        record.withUnsafeBufferPointer { b in
                            guard let location = try? JSONLRecord.locate(key: textKey, in: b) else { return }
                            var text: [UInt8] = []
                            if (try? JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: b[location.valueRange]), into: &text)) != nil {
                                body(text)
                            }
                        }
                    }
                } else {
                    body([UInt8](data))
                }
            }
        }
        return problems
    }
}
