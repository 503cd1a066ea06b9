import ArgumentParser
import WinnowCore

/// The options of a stream of documents on one input (`--jsonl`, `-z`), declared
/// once. Which ones go together is checked by the command (`Clean.validate`), in
/// one order with its other options, so that a wrong mix gets one message.
struct StreamOptions: ParsableArguments {
    @Flag(help: "Input and output are JSON Lines: clean each record's text field, keep every other byte.")
    var jsonl = false

    @Option(help: ArgumentHelp("With --jsonl: the field holding the text.", valueName: "key"))
    var textKey = "text"

    @Flag(help: "With --jsonl: add a \"winnow\" field with the language, removals and captured metadata (replacing one the record has).")
    var meta = false

    @Flag(name: [.customShort("z"), .customLong("null-data")], help: "Documents are separated by NUL bytes on input and output.")
    var nullData = false

    @Flag(help: "With --jsonl: stop at the first malformed record instead of passing it through.")
    var strict = false

    @Flag(help: "With --jsonl or -z: drop lines that recur across the stream's documents (learned as the stream goes, so early documents see less).")
    var crossDoc = false

    @Flag(help: "With --jsonl or -z: write each record as soon as it and the records before it are cleaned, not when the output buffer is full.")
    var lineBuffered = false

    /// The input is a stream of documents, not one document per input.
    var isStream: Bool { jsonl || nullData }

    /// The runner of a stream: `jobs` workers, stopping at a malformed record when strict.
    func runner(jobs: Int) -> Runner {
        var runner = Runner(jobs: jobs)
        runner.strict = strict
        runner.lineBuffered = lineBuffered
        return runner
    }
}
