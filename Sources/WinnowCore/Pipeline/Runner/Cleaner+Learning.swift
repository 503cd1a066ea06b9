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
        // Several texts (a record that repeats its text key): copies that stay put
        // while every page is keyed, then cleaned.
        let copies = texts.map { text in
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
            _ = copy.initialize(from: text)
            return UnsafeBufferPointer(copy)
        }
        defer { for copy in copies { copy.deallocate() } }
        let pages = copies.map(page)
        let counts = learning.counts(for: pages, site: templateSite, turn: turn)
        return pages.indices.map { clean(pages[$0], templates: counts[$0]) }
    }
}
