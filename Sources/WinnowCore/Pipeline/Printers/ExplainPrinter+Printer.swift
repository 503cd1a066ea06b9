extension ExplainPrinter: Printer {
    public func print(_ document: [UInt8], _ result: CleanResult, place: DocumentPlace, into out: inout [UInt8]) {
        out += render(document, result, path: place.name, header: titled)
    }

    public var writesPassedThrough: Bool { false }
}
