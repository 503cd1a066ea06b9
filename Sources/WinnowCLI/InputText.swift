import ArgumentParser
import WinnowCore

/// `--input-encoding`: one input-text policy for the filter, `-z` and batch.
struct InputTextOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The input's encoding: auto (UTF-8, or UTF-16/32, Windows-1256 or ISO-8859-6 when the bytes say so, converted), utf-8 (bytes as they are) or an iconv name. Output is UTF-8.", valueName: "name"))
    var inputEncoding = "auto"

    func validate() throws {
        if !["auto", "utf-8", "utf8"].contains(inputEncoding.lowercased()) && !Transcoder.knows(inputEncoding) {
            throw ValidationError("--input-encoding \(inputEncoding): not an encoding iconv knows (auto, utf-8 or a name such as WINDOWS-1256)")
        }
    }

    var policy: InputText { InputText(encoding: inputEncoding.lowercased() == "utf8" ? "utf-8" : inputEncoding) }
}

/// Turns a document's bytes into the UTF-8 text to clean. UTF-8 (the usual case)
/// costs one validating pass and no copy; another encoding is converted and said
/// on standard error; a document that is not text is left to the caller to pass
/// through unchanged and report.
struct InputText: Sendable {
    /// "auto", "utf-8" or an iconv name.
    let encoding: String

    enum Prepared {
        case text([UInt8])
        case notText(String)
    }

    /// A conversion is said in `messages` (written with the document's output).
    func prepare(_ document: [UInt8], name: String, messages: inout DeferredMessages) -> Prepared {
        switch encoding.lowercased() {
        case "utf-8": return .text(document)
        case "auto":
            switch EncodingDetector.detect(document) {
            case .utf8: return .text(document)
            case .binary(let why): return .notText("binary file (\(why))")
            case .other(let detected, let bom):
                do {
                    let converted = try Transcoder.toUTF8(document[bom...], from: detected)
                    messages.plain("winnow: \(name): \(detected) text (detected), converted to UTF-8")
                    return .text(converted)
                } catch {
                    messages.warning("\(name): looks like \(detected) but is not (\(error.message)); read as it is")
                    return .text(document)
                }
            }
        default:
            do { return .text(try Transcoder.toUTF8(document[...], from: encoding)) }
            catch { return .notText("not \(encoding) text: \(error.message)") }
        }
    }
}
