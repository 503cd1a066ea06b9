/// File names are bytes; Swift strings are Unicode. A name that is not UTF-8
/// (`bad\xFF.txt`) is kept as a String by carrying each byte that is not part of a
/// valid UTF-8 sequence as the code point U+10FF00 + byte (the last 128 code points
/// of plane 16, private use, which no file name in practice holds), as Python's
/// "surrogateescape" does; `pathCString` gives the original bytes back for a system
/// call, and messages print them as they were.
public enum PathBytes {
    static let base: UInt32 = 0x10FF00

    /// The string for the bytes of a name.
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if EncodingDetector.isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let length = bytes[i] < 0x80 ? 1 : EncodingDetector.utf8Length(bytes, i)
            if length == 0 {
                scalars.append(Unicode.Scalar(base + UInt32(bytes[i]))!)
                i += 1
            } else {
                scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self).unicodeScalars)
                i += length
            }
        }
        return String(scalars)
    }

    public static func string(cString: UnsafePointer<CChar>) -> String {
        let length = strlenOf(cString)
        return cString.withMemoryRebound(to: UInt8.self, capacity: length) { string(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// The bytes `text` stands for: UTF-8, with each escaped byte put back.
    public static func bytes(_ text: String) -> [UInt8] {
        // The escapes are 4-byte sequences starting F4 8F BE/BF: without F4, nothing to do.
        guard text.utf8.contains(0xF4) else { return Array(text.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value >= base + 0x80 && scalar.value <= base + 0xFF {
                out.append(UInt8(scalar.value - base))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    private static func strlenOf(_ p: UnsafePointer<CChar>) -> Int {
        var n = 0
        while p[n] != 0 { n += 1 }
        return n
    }
}

extension String {
    /// The NUL-terminated bytes of the path this string stands for (see `PathBytes`),
    /// for a system call: `open(path.pathCString, …)`.
    public var pathCString: [CChar] {
        PathBytes.bytes(self).map { CChar(bitPattern: $0) } + [0]
    }
}
