/// A place in a rule file: 1-based line and column (column counts characters).
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int = 1) {
        self.path = path; self.line = line; self.column = column
    }

    /// `path:line`, how a rule is named in explanations.
    public var short: String { "\(path):\(line)" }
    public var description: String { line > 0 ? "\(path):\(line):\(column)" : path }
}

/// An error or warning about a rule file, printed as `path:line:column: error: message`.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ location: SourceLocation, _ severity: Severity, _ message: String) {
        self.location = location; self.severity = severity; self.message = message
    }

    /// An error.
    public init(_ location: SourceLocation, _ message: String) {
        self.init(location, .error, message)
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// One or more diagnostics, at least one of them an error.
public struct RuleErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
