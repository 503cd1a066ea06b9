/// The kinds read off each line's traits by fixed thresholds: the default
/// `LineKindClassifier`.
public struct HeuristicLineKinds: LineKindClassifier {
    public init() {}

    public func kinds(of page: Page) -> [LineKind] {
        var kinds = [LineKind](copies: [], count: page.count)
        for i in 0..<page.count where !page.blank[i] { kinds[i] = HeuristicLineKinds.kind(page.traits[i]) }
        return kinds
    }

    /// The kind of a non-blank line with these traits.
    @inline(__always)
    public static func kind(_ t: LineTraits) -> LineKind {
        var kind: LineKind = []
        if isProse(t) { kind.insert(.prose) }
        if isHeadlineLike(t) { kind.insert(.headlineLike) }
        if isTitleLike(t) { kind.insert(.titleLike) }
        if isNameLike(t) { kind.insert(.nameLike) }
        return kind
    }

    /// Long enough and sentence-shaped: body text, never template chrome.
    static func isProse(_ t: LineTraits) -> Bool {
        (t.words >= 10 && t.endsSentence) || t.words >= 25
    }

    /// Short, no sentence inside or at the end, not introducing what follows (a
    /// colon): how headlines, menu items and labels look.
    static func isHeadlineLike(_ t: LineTraits) -> Bool {
        t.words >= 1 && t.words <= 20 && t.chars <= 160 && !t.endsSentence && !t.endsWithColon && t.innerSentenceBreaks == 0
    }

    /// Headline-like, a headline that asks ("Why swifts never land?"), or one in two
    /// parts ("شعر وردي يشعل السخرية… لغز لون شعر ترامب": one sentence break inside,
    /// none at the end): how a page's own title may look. (Headline-like stays as it
    /// is: the line model reads it.)
    static func isTitleLike(_ t: LineTraits) -> Bool {
        guard t.words <= 20 && t.chars <= 160 else { return false }
        return isHeadlineLike(t) || (t.endsWithQuestion && t.innerSentenceBreaks == 0)
            || (t.words >= 1 && t.innerSentenceBreaks == 1 && !t.endsSentence && !t.endsWithColon)
    }

    /// Reads like a person's name: one to four words, no digits, no sentence or
    /// label punctuation.
    static func isNameLike(_ t: LineTraits) -> Bool {
        t.words >= 1 && t.words <= 4 && t.chars <= 40 && t.digits == 0 && !t.endsSentence && !t.endsWithColon
    }
}
