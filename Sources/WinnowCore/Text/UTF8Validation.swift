/// Whether bytes are valid UTF-8 (no overlongs, surrogates or values past U+10FFFF),
/// checked eight bytes at a time wherever they hold only ASCII and two-byte
/// characters: nearly all of a Persian, Arabic, Cyrillic or Latin-1 page. Each
/// three- or four-byte character sends its eight bytes to the one-character check.
enum UTF8Validation {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        // `i` is always where a character starts.
        var i = 0
        while i + 8 <= n {
            let step = twoByteStep(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            if step > 0 { i += step; continue }
            // Character by character through this word's bytes (and the end of a
            // character that crosses it), then words again.
            let stop = i + 8
            while i < stop {
                let length = b[i] < 0x80 ? 1 : EncodingDetector.utf8Length(b, i)
                if length == 0 { return false }
                i += length
            }
        }
        while i < n {
            let length = b[i] < 0x80 ? 1 : EncodingDetector.utf8Length(b, i)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// For the eight bytes of `w` (the first in the low byte), read from where a
    /// character starts: 8 when they are whole ASCII and valid two-byte characters,
    /// 7 when the first seven are and the last starts a valid two-byte character
    /// (the next word starts there), else 0 (something the word test does not decide:
    /// a longer character, or an error).
    @inline(__always)
    static func twoByteStep(_ w: UInt64) -> Int {
        // Bit 7 of each byte: `leads` marks 11xxxxxx, `continuations` 10xxxxxx.
        let leads = w & (w << 1) & high
        let continuations = w & ~(w << 1) & high
        // A lead with bit 5 set (0xE0 and up) starts a longer character, or none.
        let long = leads & (w << 2)
        // 0xC0 and 0xC1 (bits 4-1 clear) start only overlongs. Each byte of `w & 0x1E`
        // is at most 0x1E, so adding 0x7F carries into no other byte, and sets bit 7
        // exactly where the byte is not 0.
        let someOf4to1 = ((w & 0x1E1E_1E1E_1E1E_1E1E) &+ 0x7F7F_7F7F_7F7F_7F7F) & high
        let overlong = leads & ~someOf4to1
        guard long | overlong == 0,
              // Every lead but the last byte's is followed by a continuation byte, and
              // every continuation byte follows a lead (never the first byte).
              continuations == leads << 8 else { return 0 }
        return leads >> 63 == 0 ? 8 : 7
    }
}
