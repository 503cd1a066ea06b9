/// Decides the kind of every line of a page: the facts about lines that the rules
/// and detectors read (`Page.kinds`). Asked once per page, while the page is built,
/// so a learned classifier can replace the heuristics without a call per line.
///
/// Not the line model (`LineClassifier`): that one runs last and decides which of
/// the lines left open to remove; this one only says what each line looks like.
public protocol LineKindClassifier: Sendable {
    /// One kind per line of `page`, in order; blank lines have none. The page's
    /// `kinds` are empty and its `body` nil while this runs: they come from it.
    func kinds(of page: Page) -> [LineKind]
}
