/// Drops *headline lists* ("latest news", "most read" without a heading a rule
/// could catch): runs of headline-like lines (`HeadlineRuns`) with at least
/// `minimum` lines of three or more words.
public struct HeadlineListDetector: Detector {
    public static let id = "headline-list"
    public static let summary = "runs of headline-like lines: latest news, most read"
    public static let readsTopic = true
    public static func isCertain(_ evidence: HeadlineRun) -> Bool { false }

    public static func explain(_ run: HeadlineRun) -> String {
        "headline-list: run of \(run.count) headline-like lines from line \(run.first + 1)"
    }

    public static func write(_ run: HeadlineRun, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        run.write(to: &json)
    }

    public var minimum: Int

    public init(minimum: Int = 5) { self.minimum = minimum }
    public init?(_ setup: DetectorSetup) { self.init(minimum: setup.options.headlineListMinimum) }

    public func run(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) {
        var found: [[Int]] = []
        HeadlineRuns().forEach(pass, fates) { run in
            if HeadlineRuns.items(run, pass.page) >= minimum { found.append(run) }
        }
        for run in found {
            for i in run { fates.remove(i, HeadlineRun(first: run[0], count: run.count)) }
        }
    }
}
