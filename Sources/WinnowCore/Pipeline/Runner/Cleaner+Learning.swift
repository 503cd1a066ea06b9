extension Cleaner {
    /// Cleans `document` with the counts `learning` hands it in the document's turn
    /// (nil: without cross-document counts). The page is built once: keyed by the
    /// learning, then cleaned.
    public func clean(_ document: UnsafeBufferPointer<UInt8>, learning: (any TemplateLearning)?, turn: RunTurn) -> CleanResult {
        guard let learning else { return clean(document) }
        let page = page(document)
        return clean(page, templates: learning.counts(for: [page], site: templateSite, turn: turn).first)
    }

    /// Cleans each of `texts` (one record's) with the counts `learning` hands them
    /// together in the record's turn. Each page is built once, as above.
    public func clean(_ texts: [[UInt8]], learning: (any TemplateLearning)?, turn: RunTurn) -> [CleanResult] {
        guard let learning else { return texts.map { text in text.withUnsafeBufferPointer { clean($0) } } }
        if texts.count == 1 { return [texts[0].withUnsafeBufferPointer { clean($0, learning: learning, turn: turn) }] }
        return count(texts, learning: learning, turn: turn).clean(with: self)
    }

    /// The first half of `clean(_:learning:turn:)`: the pages of `texts` (one
    /// record's), counted by `learning` in the record's turn under the cleaner's
    /// site; `CountedPages.clean(with:)` is the second. A staged worker takes a
    /// batch's turns this way before it cleans any of its documents.
    public func count(_ texts: [[UInt8]], learning: any TemplateLearning, turn: RunTurn) -> CountedPages {
        let counted = CountedPages(texts) { page($0) }
        counted.counts = learning.counts(for: counted.pages, site: templateSite, turn: turn)
        return counted
    }
}

/// Pages counted by cross-document learning, waiting to be cleaned (`Cleaner.count`).
/// They point into copies of their texts that stay put, kept here.
public final class CountedPages {
    private let copies: [UnsafeMutableBufferPointer<UInt8>]
    let pages: [Page]
    fileprivate(set) var counts: [any TemplateCounts] = []

    fileprivate init(_ texts: [[UInt8]], page: (UnsafeBufferPointer<UInt8>) -> Page) {
        copies = texts.map { text in
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
            _ = copy.initialize(from: text)
            return copy
        }
        pages = copies.map { page(UnsafeBufferPointer($0)) }
    }

    deinit { for copy in copies { copy.deallocate() } }

    /// Each page cleaned with its counts, by `cleaner` (the one that built them, set
    /// to their site).
    public func clean(with cleaner: Cleaner) -> [CleanResult] {
        pages.indices.map { cleaner.clean(pages[$0], templates: counts[$0]) }
    }
}
