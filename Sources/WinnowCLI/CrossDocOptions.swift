import ArgumentParser
import Foundation
import WinnowCore

/// Cross-document chrome detection in runs over many documents.
struct CrossDocOptions: ParsableArguments {
    @Flag(help: "Turn off cross-document detection (lines that recur across the run's documents).")
    var noCrossDoc = false

    @Option(help: ArgumentHelp("A line is template when it stands in at least this many documents.", valueName: "n"))
    var templateMinDocs = 3

    /// A first pass over the files: which lines they share. Nil when turned off.
    func index(over paths: [String], maxBytes: Int = 256 << 20) -> TemplateIndex? {
        guard !noCrossDoc else { return nil }
        let index = TemplateIndex(minimumDocuments: templateMinDocs)
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path), data.count <= maxBytes else { continue }
            index.add([UInt8](data))
        }
        return index
    }
}
