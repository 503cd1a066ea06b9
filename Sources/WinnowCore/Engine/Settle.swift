/// `--settle`: the output cleaned again until nothing more goes.
///
/// The rules and detectors settle within a round (`Cleaner.clean`), but the line
/// model reads each line's neighbours and place on the page, and those change when
/// lines go: cleaning the output again can remove lines the first round kept (on
/// 44% of the held-out training pages; train/README.md, "Cleaning twice"). A
/// round here cleans the output exactly as a second run would (its bytes, as
/// `CleanWriter` writes them) and carries what it removes back to the input's lines.
/// It ends when a round removes nothing, so cleaning the result again changes
/// nothing. Every round removes lines, so it ends; most pages take one or two,
/// a list of short items can lose a few a round (13 rounds for a Hacker News
/// page). After `settleRounds` rounds it stops, with a warning.
extension Cleaner {
    func settle(_ document: UnsafeBufferPointer<UInt8>, _ result: inout CleanResult) {
        for round in 0...options.settleRounds {
            if round == options.settleRounds {
                result.warnings.append("--settle stopped after \(round) more rounds: cleaning the output again may still remove lines")
                return
            }
            var output: [UInt8] = []
            CleanWriter.write(document, result, into: &output, finalLineEnd: .likeInput)
            let origins = Cleaner.outputOrigins(result.fates)
            // Cross-document counts are the first round's business: later rounds see the page alone.
            let again = output.withUnsafeBufferPointer { cleanRound($0, built: nil, templates: nil) }
            // The output's lines are the kept lines and the breaks between paragraphs;
            // a page that splits otherwise (a strip left a line end) is not carried back.
            guard again.spans.count == origins.count, again.removedCount > 0 else { return }
            func line(_ k: Int) -> Int { k >= 0 && k < origins.count && origins[k] >= 0 ? Int(origins[k]) : k }
            for k in again.fates.indices {
                guard case .removed(let reason) = again.fates[k], origins[k] >= 0 else { continue }
                let i = Int(origins[k])
                result.fates[i] = .removed(Cleaner.movingLines(reason, line, again.detectors))
                if let evidence = again.modelEvidence[k] { result.modelEvidence[i] = evidence }
            }
            result.metadata += again.metadata
            for warning in again.warnings where !result.warnings.contains(warning) { result.warnings.append(warning) }
            for warning in again.ruleWarnings where !result.ruleWarnings.contains(warning) { result.ruleWarnings.append(warning) }
            result.overBudget = result.overBudget || again.overBudget
        }
    }

    /// The input line of each output line (`CleanWriter`'s order), -1 for the blank
    /// line written between two paragraphs.
    static func outputOrigins(_ fates: [Fate]) -> [Int32] {
        var origins: [Int32] = []
        CleanWriter.forEachOutputLine(fates) { origins.append($0.map { Int32(truncatingIfNeeded: $0) } ?? -1) }
        return origins
    }

    /// `reason` with the output lines it names (a cut marker, a list heading, a
    /// copied line, a run's first line) moved to the input's.
    static func movingLines(_ reason: Reason, _ line: (Int) -> Int, _ detectors: DetectorRegistry) -> Reason {
        switch reason {
        case .detector(let hit):
            return .detector(detectors.movingLines(hit, line))
        case .rule(let hit):
            func moved(_ k: Int32) -> Int32 { Int32(truncatingIfNeeded: line(Int(k))) }
            switch hit.effect {
            case .afterCut(let marker): return .rule(RuleHit(hit.rule, .afterCut(marker: moved(marker))))
            case .listItem(let heading): return .rule(RuleHit(hit.rule, .listItem(heading: moved(heading))))
            case .grabbed(let anchor): return .rule(RuleHit(hit.rule, .grabbed(anchor: moved(anchor))))
            case .drop, .meta, .cutMarker, .guardedCut, .listHeading: return reason
            }
        }
    }
}
