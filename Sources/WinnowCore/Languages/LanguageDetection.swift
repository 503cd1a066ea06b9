extension Language {
    /// The language reported for a page none of the table's scripts writes (Greek,
    /// Russian, Hebrew, Hindi, Chinese...): "und", ISO 639's code for undetermined.
    /// Never a row of the table: no rule file names it and `--lang` does not take it.
    public static let undetermined = Language(code: "und", name: "undetermined", script: .latin, marker: nil,
                                              evidence: [], stopwords: "")

    /// The language a page is reported in (explain's header, `--meta`, `learn`):
    /// `detect`'s, unless under half of the page's letters are in the table's scripts
    /// (Latin and Arabic): then `undetermined`, not "en". Letters here are, as near as
    /// the traits tell, the characters that are neither spaces nor digits (signs
    /// count too: a page of English has few enough).
    public static func reported(for page: Page) -> Language {
        var known = 0, letters = 0
        for i in 0..<page.count where !page.blank[i] {
            let t = page.traits[i]
            known += t.latinLetters + t.arabicScript
            // Spaces between words, and the digits: what is left is letters and signs.
            letters += max(0, t.chars - (t.words - 1) - t.digits)
        }
        return known * 2 < letters ? undetermined : detect(page.letters)
    }

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
