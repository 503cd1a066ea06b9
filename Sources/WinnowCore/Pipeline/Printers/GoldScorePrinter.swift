import Foundation

/// Scores each cleaned page against its gold file (`winnow eval`) and prints
/// nothing: the scores add up in `evaluation`, whose tables the command formats.
/// A page is scored in the order it is printed: run it with one job for the
/// order of the worst lines to follow the pages'.
public final class GoldScorePrinter: Printer, @unchecked Sendable {
    /// A page's name in the scores (its path under the pages folder) and its gold
    /// lines; nil when the gold file is missing.
    public typealias Gold = (DocumentPlace) -> (name: String, gold: [UInt8]?)

    private let explanation: Explanation
    private let gold: Gold
    private let lock = NSLock()
    private var scores = Evaluation()
    private var missing: [String] = []

    public init(explanation: Explanation, gold: @escaping Gold) {
        self.explanation = explanation
        self.gold = gold
    }

    public func print(_ document: [UInt8], _ result: CleanResult, place: DocumentPlace, into out: inout [UInt8]) {
        let (name, goldBytes) = gold(place)
        lock.lock(); defer { lock.unlock() }
        guard let goldBytes else { missing.append(name); return }
        // A page's site is its first folder under the pages folder; a page right in
        // the pages folder belongs to no folder: "." (not a site named after the file).
        let parts = name.split(separator: "/")
        let site = parts.count > 1 ? String(parts[0]) : "."
        scores.add(page: name, document: document, gold: goldBytes, result: result, explanation: explanation,
                   groups: ["lang " + result.language.rawValue, "site " + site])
    }

    public var writesPassedThrough: Bool { false }

    /// The scores of the pages printed so far.
    public var evaluation: Evaluation { lock.lock(); defer { lock.unlock() }; return scores }

    /// The names of the pages whose gold file is missing, in the order they came.
    public var missingGold: [String] { lock.lock(); defer { lock.unlock() }; return missing }
}
