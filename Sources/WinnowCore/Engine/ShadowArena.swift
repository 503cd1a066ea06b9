/// The normalised shadows of a page's lines, computed once and kept in one
/// buffer: rules, repeats, topics and templates all read them, in every pass.
/// Lines that normalise to themselves store nothing and read their own bytes.
public final class ShadowArena {
    private var storage: UnsafeMutableBufferPointer<UInt8>
    /// Line `i`'s shadow, when it has its own (`own[i]`), is `storage[ends[i]..<ends[i + 1]]`:
    /// the shadows are stored in line order. 4 bytes and a bit a line, not a 24-byte
    /// optional range (32-bit ends: a page holds at most `LineSpan.maxDocumentBytes` bytes).
    private var ends: [UInt32]
    private var own: LineFlags

    init(_ bytes: UnsafeBufferPointer<UInt8>, spans: [LineSpan], blank: [Bool]) {
        // A shadow is never longer than its line: the page's size is room enough
        // (untouched, the memory costs nothing).
        storage = .allocate(capacity: max(bytes.count, 1))
        var ends = [UInt32](copies: 0, count: spans.count + 1)
        var own = LineFlags(count: spans.count)
        var used = 0
        for (i, span) in spans.enumerated() {
            if !blank[i] {
                let line = UnsafeBufferPointer(rebasing: bytes[span.content])
                if let length = Normalizer.shadow(of: line, to: storage.baseAddress! + used) {
                    own[i] = true
                    used += length
                }
            }
            ends[i + 1] = UInt32(truncatingIfNeeded: used)
        }
        self.ends = ends
        self.own = own
    }

    deinit { storage.deallocate() }

    /// The shadow of line `i`, or nil when it is the line itself.
    func shadow(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard own[i] else { return nil }
        return UnsafeBufferPointer(rebasing: UnsafeBufferPointer(storage)[Int(ends[i])..<Int(ends[i + 1])])
    }
}
