import ArgumentParser
import Foundation

/// `-j N`: how many documents are cleaned at once, each by its own worker thread.
/// Shared by the filter (streams and file lists) and `batch`.
struct JobsOption: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Worker threads (default: the number of cores); the output is the same for any number.", valueName: "n"))
    var jobs: Int?

    /// More workers than this is a mistake (one thread each, and one cleaner each).
    static let maxJobs = 1024

    var workers: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let jobs, !(1...JobsOption.maxJobs).contains(jobs) {
            throw ValidationError("-j must be between 1 and \(JobsOption.maxJobs) workers (got \(jobs))")
        }
    }
}
