/// Which site each document of a stream belongs to, so that cross-document
/// counts and profiles are kept per site: `fixed` for every document (`--site`),
/// or the value of a JSON Lines record's `field` (`--site-key`, "url" by
/// default): a URL's host (lower-cased, without "www."; also of a URL written
/// without its scheme, "example.com/a" or "//example.com/a"), any other string as
/// it is, a number or true/false as written. A record without the field (or with
/// null, an object or an array there) belongs to no site (the stream's shared counts).
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
        guard let field else { return nil }
        let location: JSONLRecord.Location
        do { location = try JSONLRecord.locate(key: field, in: record) } catch {
            // A value that is not a string: a number or a boolean names a site as written.
            guard case .notAString(let offset) = error else { return nil }
            var end = offset
            while end < record.count, !StreamSites.endsToken(record[end]) { end += 1 }
            let token = String(decoding: UnsafeBufferPointer(rebasing: record[offset..<end]), as: UTF8.self)
            return token.first.map { $0 == "-" || $0.isNumber } == true || token == "true" || token == "false" ? token : nil
        }
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
            if start + 2 < n {
                start += 3
            } else if n > 2, bytes[0] == 0x2F, bytes[1] == 0x2F {
                start = 2   // "//example.com/a": a URL without its scheme
            } else if let slash = bytes.firstIndex(of: 0x2F), slash > 0,
                      bytes[..<slash].contains(0x2E), !bytes[..<slash].contains(where: { $0 <= 0x20 }) {
                start = 0   // "example.com/a": a host (it has a dot) before the path
            } else {
                return String(decoding: bytes, as: UTF8.self)
            }
            // Up to the path, query or fragment.
            var end = start
            while end < n, bytes[end] != 0x2F && bytes[end] != 0x3F && bytes[end] != 0x23 { end += 1 }
            // After any user info.
            if let at = (start..<end).last(where: { bytes[$0] == 0x40 }) { start = at + 1 }
            // Before a port, unless the host is an IPv6 literal ("[::1]").
            if end > start, bytes[end - 1] != 0x5D, let colon = (start..<end).last(where: { bytes[$0] == 0x3A }) { end = colon }
            return StreamSites.siteName(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
    }

    /// A host as sites are named by it: lower-cased, without a leading "www." (also
    /// how `ProfileSet` looks a site's profile up).
    public static func siteName(_ host: String) -> String {
        let lower = host.lowercased()
        return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
    }

    /// A byte that ends a JSON number or literal at top level.
    static func endsToken(_ b: UInt8) -> Bool { b == 0x2C || b == 0x7D || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
