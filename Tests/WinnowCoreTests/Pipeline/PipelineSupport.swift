import Foundation
import TestSupport
@testable import WinnowCore

/// A fresh temporary folder holding `files` (name → contents).
func folder(_ files: [String: [UInt8]]) throws -> String {
    let path = try ScratchFolders.make("winnow-pipeline-")
    for (name, bytes) in files {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
    }
    return path
}

/// What `body` writes to a sink, read back from the file behind it.
func written(_ body: (OutputSink) throws -> Void) throws -> [UInt8] {
    let path = NSTemporaryDirectory() + "winnow-sink-" + UUID().uuidString
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    defer { close(fd); unlink(path) }
    let sink = OutputSink(fd: fd)
    try body(sink)
    try sink.flush()
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Every item a source hands on, the oversized ones with their rest copied.
func items(of source: some DocumentSource) -> [(kind: String, bytes: [UInt8], place: String)] {
    var out: [(String, [UInt8], String)] = []
    source.read { item in
        switch item {
        case .document(let bytes, let place): out.append(("document", bytes, place.description))
        case .oversized(let prefix, let place, let rest):
            let whole = (try? written { sink in try sink.write(prefix); try rest.copy(after: prefix, to: sink) }) ?? []
            out.append(("oversized", whole, place.description))
        case .failure(let failure, let ends): out.append((ends ? "read failure" : "open failure", [], failure.description))
        case .rejected(let notice): out.append(("rejected", [], "\(notice)"))
        case .unchanged(let place): out.append(("unchanged", [], place.description))
        }
        return true
    }
    return out
}

/// Runs documents through the library's runner; returns the output and the notices.
func runPipeline<W: DocumentWorker>(_ source: some DocumentSource, runner: Runner = Runner(),
                                    worker: @escaping () -> W) throws -> (out: [UInt8], notices: [Notice], outcome: Runner.Outcome)
where W.Output == DocumentOutput {
    var notices: [Notice] = []
    var outcome = Runner.Outcome()
    let out = try written { sink in
        outcome = runner.run(source, into: sink, notice: { notices.append($0) }, makeWorker: worker)
    }
    return (out, notices, outcome)
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
