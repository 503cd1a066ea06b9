extension ExplainPrinter: Printer {
    public func print(_ document: [UInt8], _ result: CleanResult, place: DocumentPlace, into out: inout [UInt8]) {
        out += render(document, result, path: place.name, header: titled)
    }

    public var writesPassedThrough: Bool { false }

    /// JSON events name every document: one not cleaned gets `{"type":"skipped"}`.
    public func printNotCleaned(place: DocumentPlace, why: String, into out: inout [UInt8]) {
        guard format == .json else { return }
        var w = JSONWriter()
        w.beginObject()
        w.key("type"); w.string("skipped")
        w.key("path"); w.string(place.name)
        w.key("reason"); w.string(why)
        w.endObject()
        out += w.bytes
        out.append(0x0A)
    }
}
