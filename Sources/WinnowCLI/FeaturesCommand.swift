import ArgumentParser
import Foundation
import WinnowCore

/// `winnow features`: the line model's inputs for every kept line, as
/// tab-separated values, for `train/train.py`. The features are computed here, by
/// the code that computes them at run time, so training and inference cannot drift.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Print the line model's features of every line the rules and detectors keep (for training).",
        discussion: "Columns: path, 0-based line, whether the model decides the line (1) or a rule or detector did (0), then one column a feature (the header names them).",
        shouldDisplay: false
    )

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("Read the file names from this file, one a line (- for standard input).", valueName: "file"), completion: .file())
    var filesFrom: String?

    @Argument(help: "Text files, one document each.", completion: .file())
    var files: [String] = []

    func validate() throws {
        // The features are the input page's: a later round would see the output's.
        if rules.settle { throw ValidationError("--settle does not go with features (they are the first round's)") }
    }

    func run() throws {
        let ruleSet = try rules.loadRuleSet()
        var options = rules.cleanOptions
        options.classifier = nil
        let cleaner = Cleaner(ruleSet: ruleSet, options: options)
        var paths = files
        if let list = filesFrom {
            let text = list == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                                   : try String(contentsOfFile: list, encoding: .utf8)
            paths += text.split(separator: "\n").map(String.init)
        }
        let sink = OutputSink(fd: 1)
        try sink.write("path\tline\tdecided\t" + LineFeatures.names.joined(separator: "\t") + "\n")
        var failed = false
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                Diagnostics.error("\(path): cannot read")
                failed = true
                continue
            }
            var last: (rows: LineFeatures.Rows, fates: [Fate], headline: Int?)? = nil
            cleaner.observeClassifierInput = { features, fates, headline in
                last = (features.rows(fates: fates, headline: headline), fates, headline)
            }
            _ = cleaner.clean(Array(data))
            guard let last else { continue }
            var out = ""
            for (k, i) in last.rows.lines.enumerated() {
                var decided = false
                if case .kept = last.fates[i], i != last.headline { decided = true }
                out += "\(path)\t\(i)\t\(decided ? 1 : 0)"
                for v in last.rows.row(k) { out += "\t\(v)" }
                out += "\n"
            }
            try sink.write(out)
        }
        try sink.flush()
        if failed { throw ExitCode(2) }
    }
}
