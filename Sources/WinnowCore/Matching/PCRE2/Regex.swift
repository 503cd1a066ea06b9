import CPCRE2
import Synchronization

/// A PCRE2 pattern compiled once (UTF | UCP | MATCH_INVALID_UTF) and JIT-compiled
/// when the JIT is available, on its first match: most rules of a run are never
/// tried on their own, and the JIT cost more of start-up than compiling the
/// patterns. Otherwise immutable after `init`, so one instance is shared by every
/// worker thread; each thread brings its own `MatchScratch`.
public final class Regex: @unchecked Sendable {
    let code: OpaquePointer
    /// The pattern as compiled (after normalisation, when the caller normalised it).
    public let pattern: String
    /// `JITState` raw value; read without the lock on every match.
    private let jitState = Atomic<UInt8>(JITState.pending.rawValue)
    /// Held while JIT-compiling: pcre2_jit_compile writes to `code`, so no other
    /// thread may compile or match meanwhile.
    private let jitLock = Mutex<Void>(())
    /// Number of capturing groups.
    public let captureCount: Int
    /// PCRE2 found every branch anchored at the start (`^` or `\A`): a failing
    /// match costs one attempt, not one per position.
    public let isAnchored: Bool

    /// Options every winnow pattern is compiled with: UTF-8 with Unicode properties for
    /// `\d \w \s` (PCRE2 10.42's JIT mishandles `\D \W \S` on non-ASCII input without UCP),
    /// and invalid UTF-8 in subjects treated as non-matching bytes instead of an error.
    static let baseOptions = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF)

    public init(_ pattern: String, extraOptions: UInt32 = 0) throws(RegexError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        let options = Regex.baseOptions | extraOptions
        let compiled = bytes.withUnsafeBufferPointer { buf in
            pcre2_compile_8(buf.baseAddress ?? Regex.emptyPattern, buf.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw RegexError(message: Regex.errorMessage(errorCode), byteOffset: errorOffset)
        }
        self.code = compiled
        self.pattern = pattern
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        self.captureCount = Int(count)
        var all: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_ALLOPTIONS), &all)
        self.isAnchored = all & UInt32(PCRE2_ANCHORED) != 0
    }

    deinit { pcre2_code_free_8(code) }

    private enum JITState: UInt8 { case pending, compiled, refused }

    /// Whether the JIT compiled this pattern (it can refuse, e.g. on very large
    /// patterns); compiles it the first time it is asked.
    public var isJIT: Bool {
        switch jitState.load(ordering: .acquiring) {
        case JITState.compiled.rawValue: true
        case JITState.refused.rawValue: false
        default: compileJIT()
        }
    }

    /// The first match's JIT compilation; a thread asking meanwhile waits for it.
    @inline(never)
    private func compileJIT() -> Bool {
        jitLock.withLock { _ in
            let known = jitState.load(ordering: .acquiring)
            if known != JITState.pending.rawValue { return known == JITState.compiled.rawValue }
            let compiled = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
            jitState.store((compiled ? JITState.compiled : .refused).rawValue, ordering: .releasing)
            return compiled
        }
    }

    /// Runs the pattern over `subject`. On `.match`, `scratch.range(group)` gives
    /// byte ranges into `subject`.
    /// (Inlined, as it was before the JIT became lazy: out of line, the check of
    /// the JIT state cost more than the atomic load.)
    @inline(__always)
    public func match(_ subject: UnsafeBufferPointer<UInt8>, from start: Int = 0, scratch: MatchScratch) -> MatchOutcome {
        let base = subject.baseAddress ?? Regex.emptySubject
        // The JIT's own entry skips pcre2_match's checks of options and subject
        // (nothing to check: no options, and MATCH_INVALID_UTF needs no validation).
        let rc = jitState.load(ordering: .acquiring) == JITState.compiled.rawValue
            ? pcre2_jit_match_8(code, base, subject.count, start, 0, scratch.matchData, scratch.context)
            : matchBeforeJIT(base, subject.count, start, scratch)
        if rc >= 0 { return .match }
        switch rc {
        case PCRE2_ERROR_NOMATCH, PCRE2_ERROR_PARTIAL:
            return .noMatch
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT:
            return .limitExceeded(Regex.errorMessage(rc))
        default:
            return .failed(Regex.errorMessage(rc))
        }
    }

    /// The first match (which JIT-compiles the pattern), or any match of a pattern
    /// the JIT refused.
    @inline(never)
    private func matchBeforeJIT(_ base: UnsafePointer<UInt8>, _ count: Int, _ start: Int, _ scratch: MatchScratch) -> Int32 {
        isJIT ? pcre2_jit_match_8(code, base, count, start, 0, scratch.matchData, scratch.context)
              : pcre2_match_8(code, base, count, start, 0, scratch.matchData, scratch.context)
    }

    /// Convenience for tests and cold paths: does the pattern match these bytes?
    public func matches<S: Sequence>(_ bytes: S, scratch: MatchScratch) -> Bool where S.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { match($0, scratch: scratch) } == .match
    }

    /// Names of the named capturing groups with their group numbers.
    public var namedGroups: [(name: String, group: Int)] {
        var count: UInt32 = 0, entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table, count > 0 else { return [] }
        var result: [(String, Int)] = []
        for i in 0..<Int(count) {
            let entry = table + i * Int(entrySize)
            let group = Int(entry[0]) << 8 | Int(entry[1])
            var nameBytes: [UInt8] = []
            var p = entry + 2
            while p.pointee != 0 { nameBytes.append(p.pointee); p += 1 }
            result.append((String(decoding: nameBytes, as: UTF8.self), group))
        }
        return result.sorted { $0.1 < $1.1 }
    }

    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }

    /// A valid pointer for empty subjects and patterns (PCRE2 10.42 rejects NULL).
    nonisolated(unsafe) private static let emptyBytes: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.pointee = 0
        return p
    }()
    static var emptyPattern: UnsafePointer<UInt8> { UnsafePointer(emptyBytes) }
    static var emptySubject: UnsafePointer<UInt8> { UnsafePointer(emptyBytes) }
}

/// The result of one match attempt.
public enum MatchOutcome: Equatable, Sendable {
    case match
    case noMatch
    /// The match or depth limit was hit: the pattern backtracks too much on this subject.
    case limitExceeded(String)
    /// Any other PCRE2 matching error.
    case failed(String)
}

/// A pattern that PCRE2 refused to compile.
public struct RegexError: Error, Equatable, Sendable {
    public let message: String
    /// Byte offset into the compiled pattern where PCRE2 stopped.
    public let byteOffset: Int
}
