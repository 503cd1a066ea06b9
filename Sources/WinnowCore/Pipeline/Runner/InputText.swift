/// Turns a document's bytes into the UTF-8 text to clean. UTF-8 (the usual case)
/// costs one validating pass and no copy; another encoding is converted and
/// noticed; a document that is not text is left to the caller to pass through
/// unchanged and report.
public struct InputText: Sendable {
    /// "auto", "utf-8" or an iconv name.
    public let encoding: String

    public init(encoding: String) { self.encoding = encoding }

    public enum Prepared {
        case text([UInt8])
        case notText(String)
    }

    /// A conversion is said in `notices` (written with the document's output).
    public func prepare(_ document: [UInt8], place: DocumentPlace, notices: inout [Notice]) -> Prepared {
        switch encoding.lowercased() {
        case "utf-8": return .text(document)
        case "auto":
            switch EncodingDetector.detect(document) {
            case .utf8: return .text(document)
            case .invalidUTF8(let invalid):
                notices.append(InputText.notUTF8(place, invalid: invalid, guess: "another encoding, such as Latin-1?"))
                return .text(document)
            case .binary(let why): return .notText("binary file (\(why))")
            case .other(let detected, let bom):
                do {
                    let converted = try Transcoder.toUTF8(document[bom...], from: detected)
                    notices.append(.converted(place, encoding: detected))
                    return .text(converted)
                } catch {
                    // UTF-16 and UTF-32 bytes read as they are would be cut at every 0x0A
                    // byte, whatever character it belongs to: the output would not be
                    // the document's. Passed through whole, as a named encoding is.
                    if detected.hasPrefix("UTF-16") || detected.hasPrefix("UTF-32") {
                        return .notText("\(detected) text (detected) that does not convert: \(error.message)")
                    }
                    // An 8-bit code page's ASCII is ASCII: read as it is, the lines stay lines,
                    // and said as any text that is not UTF-8 (a Cyrillic code page looks
                    // Arabic by its byte counts, but is not: naming Arabic misleads).
                    let invalid = document.withUnsafeBufferPointer { EncodingDetector.invalidBytes($0) }
                    notices.append(InputText.notUTF8(place, invalid: invalid, guess: "another encoding?"))
                    return .text(document)
                }
            }
        default:
            do { return .text(try Transcoder.toUTF8(document[...], from: encoding)) }
            catch { return .notText("not \(encoding) text: \(error.message)") }
        }
    }

    /// Text read as it is though it is not UTF-8, and what `guess` says it may be.
    private static func notUTF8(_ place: DocumentPlace, invalid: Int, guess: String) -> Notice {
        .cleaning(place, "not valid UTF-8 (\(invalid) invalid bytes: \(guess)): read as it is; --input-encoding NAME converts it")
    }
}
