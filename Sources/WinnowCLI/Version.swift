import CBuildInfo
import WinnowCore

/// What `winnow --version` prints: the version, the commit the binary was built
/// from (set by scripts/install.sh; "unknown" in other builds) and the default
/// rules it carries. Handled before argument-parser (whose `version` is only the
/// number), so reading the rules costs nothing on other runs.
enum Version {
    static let number = "0.1.0"

    static var commit: String { String(cString: winnow_build_commit()) }

    /// `--version` anywhere before `--`, as argument-parser takes it.
    static func isRequested(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains("--version")
    }

    static var text: String {
        """
        winnow \(number)
        commit: \(commit)
        default rules: \(DefaultRulesInfo.summary)
        line model: \(LineModel.embedded.name) (\(LineModel.embedded.summary))
        """
    }
}
