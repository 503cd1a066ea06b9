import Testing

/// `winnow eval --compare`: the rules and detectors alone and with the line model,
/// scored on the same pages in one run.
@Suite struct EvalCompareTests {
    /// One site of eval/sites, page by page (no cross-document pass, which takes
    /// the site's template whatever decides the rest): there the model removes
    /// more of the chrome than the rules alone (0.467 against 0.290).
    static let folders = ["--pages", packageRoot + "/eval/sites/pages/en-fieldnotes",
                          "--gold", packageRoot + "/eval/sites/gold/en-fieldnotes", "--worst", "5", "--no-cross-doc"]

    static func eval(_ extra: [String]) throws -> [[String]] {
        let run = try winnow(["eval"] + folders + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return run.out.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The score rows (before the worst lines).
    static func scores(_ rows: [[String]]) -> [[String]] {
        Array(rows.prefix { !$0[0].hasPrefix("worst lines") })
    }

    @Test func eachDecidersRowsAreThoseOfItsOwnRun() throws {
        let compared = Self.scores(try Self.eval(["--compare"]))
        let alone = Self.scores(try Self.eval(["--no-model"]))
        let model = Self.scores(try Self.eval([]))
        #expect(compared.first == ["decider"] + alone[0])
        #expect(compared.dropFirst().filter { $0[0] == "no-model" }.map { Array($0.dropFirst()) } == Array(alone.dropFirst()))
        #expect(compared.dropFirst().filter { $0[0] == "model" }.map { Array($0.dropFirst()) } == Array(model.dropFirst()))
        // The two deciders differ here: a run that ignored the decider could not pass.
        #expect(alone[1] != model[1], "\(alone[1]) \(model[1])")
        // Side by side: each scope's rows are next to each other.
        #expect(compared[1][0...1] == ["no-model", "all"] && compared[2][0...1] == ["model", "all"])
    }

    @Test func eachDeciderListsItsOwnWorstLines() throws {
        let out = try Self.eval(["--compare"]).map { $0.joined(separator: "\t") }
        let alone = try Self.eval(["--no-model"]).map { $0.joined(separator: "\t") }
        let heads = out.filter { $0.hasPrefix("worst lines") }
        #expect(heads == ["worst lines of no-model (LOST = article text removed, KEPT = chrome kept):",
                          "worst lines of model (LOST = article text removed, KEPT = chrome kept):"])
        let aloneWorst = alone.drop { !$0.hasPrefix("worst lines") }.dropFirst()
        let comparedWorst = out.drop { $0 != heads[0] }.dropFirst().prefix { !$0.hasPrefix("worst lines") }
        #expect(Array(comparedWorst) == Array(aloneWorst))
    }

    @Test func compareWithNoModelIsAUsageError() throws {
        let run = try winnow(["eval", "--compare", "--no-model"] + Self.folders)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--compare"))
    }
}
