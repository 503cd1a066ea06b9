// libFuzzer target (d): the input-encoding detector (`--input-encoding auto`).
//
// `EncodingDetector.detect` on arbitrary bytes, then what the CLI does with the
// verdict. `.utf8` without NUL bytes must be exactly the documents `isValidUTF8`
// accepts, and `isValidUTF8` must agree with Swift's own UTF-8 validation; a
// detected encoding must be one iconv knows, and converting from it must either
// fail or give valid UTF-8; `PathBytes` must give any NUL-free bytes back exactly
// (file names that are not UTF-8).
//
// Compiled into the same module as the WinnowCore sources (see build.sh).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let valid = EncodingDetector.isValidUTF8(bytes)
    precondition(valid == (String(validating: bytes, as: UTF8.self) != nil), "isValidUTF8 disagrees with Swift on \(Array(bytes))")
    let verdict = EncodingDetector.detect(bytes)
    let nul = bytes.contains(0)
    if valid && !nul { precondition(verdict == .utf8, "valid UTF-8 not on the fast path: \(verdict)") }
    switch verdict {
    case .utf8, .binary:
        break
    case .other(let name, let bom):
        precondition(bom >= 0 && bom <= size, "mark of \(bom) bytes in \(size)")
        precondition(Transcoder.knows(name), "iconv does not know \(name)")
        if let converted = try? Transcoder.toUTF8(Array(bytes)[bom...], from: name) {
            precondition(converted.withUnsafeBufferPointer { EncodingDetector.isValidUTF8($0) }, "\(name) gave invalid UTF-8")
        }
    }
    if !nul {
        let name = PathBytes.string(bytes)
        precondition(PathBytes.bytes(name) == Array(bytes), "path bytes did not round-trip: \(Array(bytes))")
    }
    return 0
}
