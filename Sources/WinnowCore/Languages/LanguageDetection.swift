extension Language {
    /// Guesses a document's language from its letters: the script with the most
    /// characters (Arabic on a tie), then the language of that script with the
    /// most evidence (`evidence` of its row; the later row on a tie). A page with
    /// no letters is `withoutLetters`.
    public static func detect(_ letters: LetterTotals) -> Language {
        var totals = [Int](copies: 0, count: LetterCount.allCases.count)
        for count in LetterCount.allCases { totals[count.rawValue] = count.of(letters) }
        var script: Script? = nil
        for candidate in Script.allCases where totals[candidate.characters.rawValue] > 0 {
            if let best = script, totals[candidate.characters.rawValue] <= totals[best.characters.rawValue] { continue }
            script = candidate
        }
        guard let script else { return withoutLetters }
        var best = withoutLetters, bestEvidence = Int.min
        for language in allCases where language.script == script {
            let evidence = language.evidence.reduce(0) { $0 + $1.weight * totals[$1.count.rawValue] }
            if evidence >= bestEvidence { best = language; bestEvidence = evidence }
        }
        return best
    }
}
