/// The normalised shadows of a page's lines, computed once and kept in one
/// buffer: rules, repeats, topics and templates all read them, in every pass.
/// Lines that normalise to themselves store nothing and read their own bytes.
public final class ShadowArena {
    private var storage: UnsafeMutableBufferPointer<UInt8>
    private var ranges: [Range<Int>?]

    init(_ bytes: UnsafeBufferPointer<UInt8>, spans: [LineSpan], blank: [Bool]) {
        // A shadow is never longer than its line: the page's size is room enough
        // (untouched, the memory costs nothing).
        storage = .allocate(capacity: max(bytes.count, 1))
        var ranges = [Range<Int>?](repeating: nil, count: spans.count)
        var used = 0
        for (i, span) in spans.enumerated() where !blank[i] {
            let line = UnsafeBufferPointer(rebasing: bytes[span.content])
            if let length = Normalizer.shadow(of: line, to: storage.baseAddress! + used) {
                ranges[i] = used..<(used + length)
                used += length
            }
        }
        self.ranges = ranges
    }

    deinit { storage.deallocate() }

    /// The shadow of line `i`, or nil when it is the line itself.
    func shadow(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let r = ranges[i] else { return nil }
        return UnsafeBufferPointer(rebasing: UnsafeBufferPointer(storage)[r])
    }
}
