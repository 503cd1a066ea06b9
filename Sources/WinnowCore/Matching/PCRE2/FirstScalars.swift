import CPCRE2

/// The characters an anchored pattern's match can start with, among U+0000–U+07FF
/// (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic: where nearly every line of a
/// news page starts). With it, a line is tried only against the anchored rules
/// that can start with its first character, instead of against all of them.
struct FirstScalars: Equatable {
    /// Scalars with a table entry: the two-byte range of UTF-8 and below.
    static let tableSize = 0x800

    /// One bit per scalar below `tableSize`.
    private var bits = [UInt64](repeating: 0, count: tableSize / 64)

    func contains(_ scalar: Int) -> Bool { bits[scalar >> 6] & (1 << UInt64(scalar & 63)) != 0 }

    /// The bits, 64 scalars a word.
    var words: [UInt64] { bits }

    /// The set of `regex`, from the table `embed-rules` wrote for the default
    /// patterns (`EmbeddedRules.firstScalars`), or else worked out.
    static func of(_ regex: Regex) -> FirstScalars? {
        guard let pairs = EmbeddedRules.firstScalars[regex.pattern] else { return FirstScalars(regex) }
        guard !pairs.isEmpty else { return nil }
        var set = FirstScalars(empty: ())
        for k in stride(from: 0, to: pairs.count - 1, by: 2) { set.bits[Int(pairs[k])] = pairs[k + 1] }
        return set
    }

    private init(empty: Void) {}

    /// Whether a quarter of the table or more may start a match (`.{0,40}x`,
    /// `[\s\p{P}]*x`): sorting such a rule by first character gains little and
    /// copies it into most buckets.
    var isBroad: Bool { bits.reduce(0) { $0 + $1.nonzeroBitCount } >= FirstScalars.tableSize / 4 }

    /// Works out the set for `regex`, or returns nil when the pattern may start with
    /// anything (not anchored, no first-byte information, or assertions, verbs or
    /// callouts that partial matching cannot be trusted to see through).
    ///
    /// PCRE2 knows which *bytes* a match can start with; for each character with such
    /// a first byte, a partial match (`PCRE2_PARTIAL_HARD`) on that one character
    /// tells whether a match could start with it. The JIT and the interpreter agree
    /// on these probes (checked on every default rule by the tests).
    init?(_ regex: Regex) {
        self.init(regex, engine: nil)
    }

    /// How the probes run: on the JIT's partial-matching code (~380 instructions a
    /// probe, after ~380,000 to compile it) or on the interpreter (~1,450 a probe).
    enum Engine { case jit, interpreter }

    /// Probes up to this many run on the interpreter: compiling the JIT code pays
    /// only for more (a pattern without first-byte information needs 2,048).
    static let interpreterMaximumProbes = 320

    /// `engine` nil: the cheaper one for the number of probes (tests ask for each).
    init?(_ regex: Regex, engine: Engine?) {
        guard regex.isAnchored else { return nil }
        for risky in ["(?=", "(?!", "(?<=", "(?<!", "(*", "(?C", "\\G", "(?("] where regex.pattern.containsLiteral(risky) {
            return nil
        }
        // Without PCRE2's first-byte information (`\d`, `\s`, `\p{…}` under UCP, `.`),
        // every character of the table is tried.
        let leads = FirstScalars.leadBytes(regex.code) ?? [Bool](repeating: true, count: 256)
        // A continuation byte or C0/C1 never starts valid UTF-8.
        let probed = (0..<0xE0).filter { leads[$0] && ($0 < 0x80 || $0 >= 0xC2) }
        let probes = probed.reduce(0) { $0 + ($1 < 0x80 ? 1 : 64) }
        guard let data = pcre2_match_data_create_8(1, nil) else { return nil }
        defer { pcre2_match_data_free_8(data) }
        let options = UInt32(PCRE2_PARTIAL_HARD)
        // Compiled here, before the pattern is shared. The JIT's own entry skips
        // pcre2_match's checks (a third of a probe).
        let jit = (engine ?? (probes > FirstScalars.interpreterMaximumProbes ? .jit : .interpreter)) == .jit
            && pcre2_jit_compile_8(regex.code, UInt32(PCRE2_JIT_PARTIAL_HARD)) == 0
        let encoded = UnsafeMutablePointer<UInt8>.allocate(capacity: 2)
        defer { encoded.deallocate() }
        var bits = self.bits
        for lead in probed {
            let scalars = lead < 0x80 ? lead..<(lead + 1) : ((lead & 0x1F) << 6)..<((lead & 0x1F) << 6 + 64)
            for scalar in scalars {
                let length: Int
                if scalar < 0x80 {
                    encoded[0] = UInt8(scalar); length = 1
                } else {
                    encoded[0] = UInt8(0xC0 | scalar >> 6); encoded[1] = UInt8(0x80 | scalar & 0x3F); length = 2
                }
                let rc = jit ? pcre2_jit_match_8(regex.code, encoded, length, 0, options, data, nil)
                             : pcre2_match_8(regex.code, encoded, length, 0, options | UInt32(PCRE2_NO_JIT), data, nil)
                // A match, a partial match, or an error (a limit): the rule stays a candidate.
                if rc != PCRE2_ERROR_NOMATCH { bits[scalar >> 6] |= 1 << UInt64(scalar & 63) }
            }
        }
        self.bits = bits
    }

    /// The bytes a match can start with (index = byte), or nil when PCRE2 has no
    /// information (any byte).
    private static func leadBytes(_ code: OpaquePointer) -> [Bool]? {
        var type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        var leads = [Bool](repeating: false, count: 256)
        if type == 1 {
            var unit: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
            // PCRE2 reports one case of a caseless first letter: take both for ASCII;
            // the Arabic-script lead bytes (D8–DF) have no case; other letters may
            // change lead byte with case, so they tell nothing.
            switch unit {
            case 0x41...0x5A, 0x61...0x7A: leads[Int(unit | 0x20)] = true; leads[Int(unit & ~0x20)] = true
            case 0..<0x80, 0xD8...0xDF: leads[Int(unit)] = true
            default: return nil
            }
            return leads
        }
        guard type == 0 else { return nil }
        var map: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &map)
        guard let map else { return nil }
        for byte in 0..<256 where map[byte >> 3] & (1 << UInt8(byte & 7)) != 0 { leads[byte] = true }
        return leads
    }
}
