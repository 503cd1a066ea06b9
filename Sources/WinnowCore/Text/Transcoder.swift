#if canImport(Glibc)
import Glibc
#endif

/// Converts bytes from an encoding to UTF-8 with the C library's iconv.
public enum Transcoder {
    public struct Failure: Error, Sendable { public let message: String }

    /// Whether iconv knows `encoding` (as a source to convert to UTF-8).
    public static func knows(_ encoding: String) -> Bool {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return false }
        iconv_close(cd)
        return true
    }

    /// `bytes` converted from `encoding` to UTF-8; fails at the first byte that is
    /// not valid in it (its offset in the message).
    public static func toUTF8(_ bytes: ArraySlice<UInt8>, from encoding: String) throws(Failure) -> [UInt8] {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { throw Failure(message: "unknown encoding \(encoding)") }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = Array(bytes)
        var written = 0
        let failure: Int32? = input.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            while true {
                let (result, code, left): (Int, Int32, Int) = out.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + written)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count - written
                    let r = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (r, errno, outLeft)
                }
                written = out.count - left
                if result != -1 && inLeft == 0 { return nil }
                if result == -1 && code == E2BIG { out.append(contentsOf: repeatElement(0, count: out.count)); continue }
                return result == -1 ? code : EILSEQ
            }
        }
        if let failure {
            throw Failure(message: failure == EINVAL ? "incomplete \(encoding) sequence at the end"
                          : "invalid \(encoding) bytes (\(String(cString: strerror(failure))))")
        }
        out.removeSubrange(written...)
        return out
    }
}
