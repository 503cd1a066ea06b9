/// Writes small JSON values (reports, the `--meta` member) with the JSONL escaper.
/// Keys come out in the order given.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init() {}

    public mutating func beginObject() { separate(); bytes.append(0x7B); needsComma.append(false) }
    public mutating func endObject() { bytes.append(0x7D); needsComma.removeLast() }

    public mutating func key(_ name: String) {
        separate()
        string(name, asKey: true)
        bytes.append(0x3A)
    }

    public mutating func string(_ value: String) { string(value, asKey: false) }

    public mutating func number(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }

    public mutating func number(_ value: Double, decimals: Int = 4) {
        separate()
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        bytes.append(contentsOf: "\(rounded)".utf8)
    }

    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    public mutating func object(_ pairs: [(String, String)]) {
        beginObject()
        for (k, v) in pairs { key(k); string(v) }
        endObject()
    }

    public mutating func counts(_ tally: RemovalTally) {
        beginObject()
        for (reason, lines) in tally.ranked { key(reason); number(lines) }
        endObject()
    }

    private mutating func string(_ value: String, asKey: Bool) {
        if !asKey { separate() }
        let utf8 = Array(value.utf8)
        utf8.withUnsafeBufferPointer { JSONLRecord.appendString($0, to: &bytes) }
    }

    /// A comma before every member or element but the first; none after a key.
    private mutating func separate() {
        guard let last = needsComma.last else { return }
        if bytes.last == 0x3A { return }
        if last { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
    }
}
