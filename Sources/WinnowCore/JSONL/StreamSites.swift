/// Which site each document of a stream belongs to, so that cross-document
/// counts and profiles are kept per site: `fixed` for every document (`--site`),
/// or the value of a JSON Lines record's `field` (`--site-key`, "url" by
/// default): a URL's host (lower-cased, without "www."), any other string as it
/// is. A record without the field belongs to no site (the stream's shared counts).
public struct StreamSites: Sendable {
    public var fixed: String?
    public var field: String?

    public init(fixed: String? = nil, field: String? = nil) {
        self.fixed = fixed
        self.field = field
    }

    /// The site of one record.
    public func name(ofRecord record: UnsafeBufferPointer<UInt8>) -> String? {
        if let fixed { return fixed }
        guard let field, let location = try? JSONLRecord.locate(key: field, in: record) else { return nil }
        var value: [UInt8] = []
        guard (try? JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: record[location.valueRange]), into: &value)) != nil,
              !value.isEmpty else { return nil }
        return StreamSites.host(String(decoding: value, as: UTF8.self))
    }

    /// The host of a URL ("https://www.Example.com:8080/a" → "example.com"); a
    /// string that is not a URL stands for itself. Read as UTF-8 bytes: every mark
    /// it looks for is ASCII (Foundation's `range(of:)` cost 40,000 instructions a record).
    public static func host(_ value: String) -> String {
        var value = value
        return value.withUTF8 { bytes in
            let n = bytes.count
            var start = 0
            while start + 2 < n, !(bytes[start] == 0x3A && bytes[start + 1] == 0x2F && bytes[start + 2] == 0x2F) { start += 1 }
            guard start + 2 < n else { return String(decoding: bytes, as: UTF8.self) }
            start += 3
            // Up to the path, query or fragment.
            var end = start
            while end < n, bytes[end] != 0x2F && bytes[end] != 0x3F && bytes[end] != 0x23 { end += 1 }
            // After any user info.
            if let at = (start..<end).last(where: { bytes[$0] == 0x40 }) { start = at + 1 }
            // Before a port, unless the host is an IPv6 literal ("[::1]").
            if end > start, bytes[end - 1] != 0x5D, let colon = (start..<end).last(where: { bytes[$0] == 0x3A }) { end = colon }
            var name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
            if name.hasPrefix("www.") { name.removeFirst(4) }
            return name
        }
    }
}
