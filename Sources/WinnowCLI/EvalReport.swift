import Foundation
import WinnowCore

/// `winnow eval`'s text: the scores by scope, then the worst lines. With several
/// deciders (`--compare`) each scope has a row for each, side by side, under a
/// `decider` column, and each decider lists its own worst lines.
enum EvalReport {
    struct Scored {
        /// nil for a single run: no `decider` column.
        var decider: String?
        var evaluation: Evaluation
    }

    static func text(_ runs: [Scored], worst: Int) -> String {
        let named = runs.contains { $0.decider != nil }
        var out = (named ? "decider\t" : "") + "scope\tpages\texact\trecall\tchrome-removal\tprecision\tF1\n"
        func row(_ run: Scored, _ name: String, _ c: Evaluation.Counts) {
            if let decider = run.decider { out += decider + "\t" }
            out += String(format: "%@\t%d\t%d\t%.4f\t%.4f\t%.4f\t%.4f\n", name, c.pages, c.exact, c.recall, c.chromeRemoval, c.precision, c.f1)
        }
        for run in runs { row(run, "all", run.evaluation.total) }
        let groups = Set(runs.flatMap { $0.evaluation.byGroup.keys }).sorted()
        for name in groups {
            for run in runs { row(run, name, run.evaluation.byGroup[name] ?? Evaluation.Counts()) }
        }
        for run in runs {
            let whose = run.decider.map { " of \($0)" } ?? ""
            out += "\nworst lines\(whose) (LOST = article text removed, KEPT = chrome kept):\n"
            for m in run.evaluation.worst(worst) {
                out += "\(m.lost ? "LOST" : "KEPT")\t\(m.page):\(m.line)\t\(m.text.prefix(90))\(m.reason.isEmpty ? "" : "\t[\(m.reason)]")\n"
            }
        }
        return out
    }
}
