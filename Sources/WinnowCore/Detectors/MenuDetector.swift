/// Drops menus: on a page with a body, a run of headline-like lines
/// (`HeadlineRuns`) outside it, of at least `minimum` lines, four in five of
/// them of at most three words. A run long enough to be a headline list
/// (`HeadlineListDetector`) is not a menu.
public struct MenuDetector: Detector {
    public static let id = "menu"
    public static let summary = "runs of short lines outside the body (four in five of one to three words)"
    public static let readsTopic = true
    public static func isCertain(_ evidence: HeadlineRun) -> Bool { false }

    public static func explain(_ run: HeadlineRun) -> String {
        "menu: run of \(run.count) lines outside the body from line \(run.first + 1), mostly of one to three words"
    }

    public static func write(_ run: HeadlineRun, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        run.write(to: &json)
    }

    public var minimum = 4
    /// The headline-list detector's minimum: runs it takes are not menus.
    public var listMinimum: Int

    public init(listMinimum: Int = 5) { self.listMinimum = listMinimum }
    public init?(_ setup: DetectorSetup) { self.init(listMinimum: setup.options.headlineListMinimum) }

    public func run(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) {
        let page = pass.page, state = pass.state
        guard state.firstProse != nil else { return }
        var found: [[Int]] = []
        HeadlineRuns().forEach(pass, fates) { run in
            guard HeadlineRuns.items(run, page) < listMinimum, run.count >= minimum else { return }
            let short = run.filter { page.traits[$0].words <= 3 }.count
            if short * 5 >= run.count * 4, run.allSatisfy({ state.allows(.edges, at: $0, on: page) }) { found.append(run) }
        }
        for run in found {
            for i in run { fates.remove(i, HeadlineRun(first: run[0], count: run.count)) }
        }
    }
}
