import WinnowCore

/// Cleans, explains or checks one whole document of a file list. One per worker
/// thread (it owns a `Cleaner`, which takes the site, and so the profile, of each
/// file it cleans).
struct WholeDocumentCleaner {
    let cleaner: Cleaner
    let presentation: DocumentRunner.Presentation
    let inputText: InputText
    /// Explanations name their document (more than one input).
    let header: Bool
    /// The site of each file (profiles); nil leaves the cleaner's site alone.
    var sites: SiteOptions? = nil

    func process(_ item: DocumentItem) -> DocumentOutput {
        guard case .whole(let raw, let name, let path) = item else { return .passed(item) }
        var done = DoneDocument()
        let document: [UInt8]
        switch inputText.prepare(raw, name: name, messages: &done.messages) {
        case .text(let text): document = text
        case .notText(let why):
            passThrough(raw, why: why, name: name, into: &done)
            return .done(done)
        }
        sites?.use(for: cleaner, file: path)
        let result = cleaner.clean(document)
        for warning in result.warnings { done.messages.warning("\(name): \(warning)") }
        done.foundChrome = result.removedCount > 0
        switch presentation {
        case .clean:
            done.bytes.reserveCapacity(document.count)
            document.withUnsafeBufferPointer { CleanWriter.write($0, result, into: &done.bytes) }
        case .explain(let printer):
            done.bytes = printer.render(document, result, path: name, header: header)
        case .check:
            break
        }
        return .done(done)
    }

    /// A document that is not text: reported, and written unchanged (ended with a
    /// line end, as every document) when cleaning.
    private func passThrough(_ raw: [UInt8], why: String, name: String, into done: inout DoneDocument) {
        done.messages.error("\(name): \(why): passed through unchanged")
        done.failed = true
        guard case .clean = presentation else { return }
        done.bytes = raw
        if let last = raw.last, last != 0x0A && last != 0x0D { done.bytes.append(0x0A) }
    }
}
