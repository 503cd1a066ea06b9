/// Decides the lines the rules and detectors left open: for each, how likely it is
/// to be article body. The cleaner asks it after the detectors and removes the
/// kept lines it scores as chrome; a learned model is one conforming type, and
/// `winnow eval` can run the cleaner with and without one.
public protocol LineClassifier: Sendable {
    /// Name and version, for `--version` and `--explain`.
    var name: String { get }
    /// The body probability of every kept line (nil for the others), given the
    /// page's features, what the rules and detectors decided, and the headline.
    func scores(_ features: LineFeatures, fates: [Fate], headline: Int?) -> [Double?]
    /// The kept lines to remove, with their scores and the threshold each is under.
    func removals(_ features: LineFeatures, fates: [Fate], headline: Int?) -> [(line: Int, score: Double, threshold: Double)]
    /// The features that pushed line `line`'s score most, strongest first, with
    /// their signed push on the score's log-odds.
    func evidence(_ features: LineFeatures, fates: [Fate], headline: Int?, line: Int) -> [(feature: String, weight: Double)]
}
