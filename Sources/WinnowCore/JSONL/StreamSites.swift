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
    /// string that is not a URL stands for itself.
    public static func host(_ value: String) -> String {
        guard let scheme = value.range(of: "://") else { return value }
        var host = value[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = host[..<colon] }
        var name = host.lowercased()
        if name.hasPrefix("www.") { name.removeFirst(4) }
        return name
    }
}
