import ArgumentParser
import WinnowCore

/// `--input-encoding`: one input-text policy for the filter, `-z` and batch.
struct InputTextOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The input's encoding: auto (UTF-8, or UTF-16/32, Windows-1256 or ISO-8859-6 when the bytes say so, converted), utf-8 (bytes as they are) or an iconv name. Output is UTF-8.", valueName: "name"))
    var inputEncoding = "auto"

    func validate() throws {
        // iconv takes "" as the locale's charset and forgives some spacing: an encoding's
        // name is ASCII letters, digits and a few marks, nothing else.
        let plainName = !inputEncoding.isEmpty && inputEncoding.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:()+".contains($0)) }
        if !plainName || (!["auto", "utf-8", "utf8"].contains(inputEncoding.lowercased()) && !Transcoder.knows(inputEncoding)) {
            throw ValidationError("--input-encoding \(inputEncoding): not an encoding iconv knows (auto, utf-8 or a name such as WINDOWS-1256)")
        }
    }

    var policy: InputText { InputText(encoding: inputEncoding.lowercased() == "utf8" ? "utf-8" : inputEncoding) }

    /// A name was given, other than auto and UTF-8: the input is converted from it.
    var convertsFromNamed: Bool { !["auto", "utf-8", "utf8"].contains(inputEncoding.lowercased()) }

    /// The named encoding writes NUL bytes inside its characters (UTF-16, UTF-32).
    var hasNulsInText: Bool {
        let name = inputEncoding.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        return ["utf16", "utf32", "ucs2", "ucs4", "unicode"].contains { name.hasPrefix($0) }
    }
}
