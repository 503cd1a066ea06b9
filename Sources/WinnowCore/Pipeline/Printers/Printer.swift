/// Turns one cleaned document into output bytes: the cleaned text, an
/// explanation, nothing (a check). Printers never read or clean; each is tested
/// alone, and the runner writes whatever the printer gives.
public protocol Printer {
    /// Appends the output for `document` (the text that was cleaned) to `out`.
    func print(_ document: [UInt8], _ result: CleanResult, place: DocumentPlace, into out: inout [UInt8])

    /// A document that is not cleaned (not text, over the cap) is written as it
    /// came: true for the cleaned text, false for explanations and checks.
    var writesPassedThrough: Bool { get }

    /// Appends what stands for a document that was not cleaned (not text) when
    /// it is not passed through: nothing, or an event saying so (`--explain --json`).
    func printNotCleaned(place: DocumentPlace, why: String, into out: inout [UInt8])
}

extension Printer {
    public func printNotCleaned(place: DocumentPlace, why: String, into out: inout [UInt8]) {}
}

/// The cleaned text (`CleanWriter`): the kept lines, in input order.
public struct CleanTextPrinter: Printer {
    public let finalLineEnd: CleanWriter.FinalLineEnd

    /// `.always` for files and standard input, `.likeInput` for a stream's records.
    public init(finalLineEnd: CleanWriter.FinalLineEnd = .always) { self.finalLineEnd = finalLineEnd }

    public func print(_ document: [UInt8], _ result: CleanResult, place: DocumentPlace, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + document.count)
        document.withUnsafeBufferPointer { CleanWriter.write($0, result, into: &out, finalLineEnd: finalLineEnd) }
    }

    public var writesPassedThrough: Bool { true }
}

/// Nothing: `--check` only wants to know whether a document had lines to remove.
public struct SilentPrinter: Printer {
    public init() {}
    public func print(_ document: [UInt8], _ result: CleanResult, place: DocumentPlace, into out: inout [UInt8]) {}
    public var writesPassedThrough: Bool { false }
}
