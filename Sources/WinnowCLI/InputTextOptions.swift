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
