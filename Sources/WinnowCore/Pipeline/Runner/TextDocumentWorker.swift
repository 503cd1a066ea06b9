/// Cleans a whole text document (a file, standard input, a `-z` record) and prints
/// it: the cleaned text, an explanation, or nothing (a check).
public struct TextDocumentWorker: DocumentWorker {
    public let cleaner: Cleaner
    public let printer: any Printer
    public var inputText = InputText(encoding: "utf-8")
    /// Sets each document's site on the cleaner (its profile, its cross-document
    /// key); nil leaves the cleaner's site alone.
    public var site: ((Cleaner, DocumentPlace) -> Void)?
    /// Cross-document learning (a stream's, or a first pass's); nil without it.
    public var learning: (any TemplateLearning)?
    /// Written after each document: the NUL of a `-z` stream; nil for files.
    public var separator: UInt8?
    /// All the cleaner's warnings are noticed (files); else only the rules that gave up
    /// (a stream's records, a corpus: the rest, such as the removal budget, stay quiet).
    public var noticesCleanerWarnings = true

    public init(cleaner: Cleaner, printer: any Printer) {
        self.cleaner = cleaner
        self.printer = printer
    }

    public func process(_ raw: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> DocumentOutput {
        var done = DocumentOutput()
        switch inputText.prepare(raw, place: place, notices: &done.notices) {
        case .text(let text):
            site?(cleaner, place)
            let result = text.withUnsafeBufferPointer { cleaner.clean($0, learning: learning, turn: turn) }
            write(text, result, place, into: &done)
        case .notText(let why):
            pass(raw, notText: why, place, into: &done)
        }
        return done
    }

    /// Staged when the learning takes turns (`--cross-doc` over a stream).
    public var startsWithTurn: Bool { learning?.takesTurns ?? false }

    /// Counts the document in its turn; the closure cleans and prints it.
    public func start(_ raw: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> () -> DocumentOutput {
        var done = DocumentOutput()
        guard let learning else {
            done = process(raw, place, turn: turn)
            return { done }
        }
        switch inputText.prepare(raw, place: place, notices: &done.notices) {
        case .text(let text):
            site?(cleaner, place)
            let site = cleaner.site
            let counted = cleaner.count([text], learning: learning, turn: turn)
            return { [self] in
                cleaner.site = site
                write(text, counted.clean(with: cleaner)[0], place, into: &done)
                return done
            }
        case .notText(let why):
            pass(raw, notText: why, place, into: &done)
            return { done }
        }
    }

    private func write(_ text: [UInt8], _ result: CleanResult, _ place: DocumentPlace, into done: inout DocumentOutput) {
        // One allocation for a stream's record, its separator included.
        if separator != nil { done.bytes.reserveCapacity(text.count + 1) }
        for warning in noticesCleanerWarnings ? result.warnings : result.ruleWarnings { done.notices.append(.cleaning(place, warning)) }
        done.foundChrome = result.removedCount > 0
        printer.print(text, result, place: place, into: &done.bytes)
        if let separator { done.bytes.append(separator) }
    }

    /// A document that is not text, unchanged (when the printer passes such
    /// documents through); a file's ends with a line end, as every document.
    private func pass(_ raw: [UInt8], notText why: String, _ place: DocumentPlace, into done: inout DocumentOutput) {
        done.notices.append(.notText(place, why, passedThrough: printer.writesPassedThrough))
        done.failed = true
        if printer.writesPassedThrough {
            done.bytes = raw
            if separator == nil, let last = raw.last, last != 0x0A && last != 0x0D { done.bytes.append(0x0A) }
        } else {
            printer.printNotCleaned(place: place, why: why, into: &done.bytes)
        }
        if let separator { done.bytes.append(separator) }
    }
}
