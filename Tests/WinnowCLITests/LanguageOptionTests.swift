import Foundation
import Testing
import WinnowCore

/// `--lang` takes "auto" and the codes of the language table, nothing written
/// out by hand: its help, its error message and its values follow the table.
@Suite struct LanguageOptionTests {
    let codes = ["auto"] + Language.allCases.map(\.code)

    @Test func theValuesOfLangAreAutoAndTheTablesCodes() throws {
        let run = try winnow(["--lang", "zz", "/dev/null"])
        #expect(run.status != 0)
        let quoted = codes.map { "'\($0)'" }
        let expected = quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
        #expect(run.stderr.contains("Please provide one of \(expected)."), "\(run.stderr)")
        let help = try winnow(["--help"]).out
        let listed = codes.dropLast().joined(separator: ", ") + " or " + codes.last!
        #expect(help.contains("Document language: \(listed)."))
    }

    @Test func everyCodeOfTheTableIsAccepted() throws {
        for language in Language.allCases {
            let run = try winnow(["--lang", language.code, "--explain"], stdin: Array("Title\n×\nBody line here.\n".utf8))
            #expect(run.status == 0, "\(language): \(run.stderr)")
            #expect(run.out.hasPrefix("# language: \(language.code);"), "\(run.out)")
        }
    }
}
