/// The normalised shadows of a page's lines, computed once and kept in one
/// buffer: rules, repeats, topics and templates all read them, in every pass.
/// Lines that normalise to themselves store nothing and read their own bytes.
public final class ShadowArena {
    private var storage: UnsafeMutableBufferPointer<UInt8>
    private var ranges: [Range<Int>?]

    init(_ bytes: UnsafeBufferPointer<UInt8>, spans: [LineSpan], blank: [Bool]) {
        var arena: [UInt8] = []
        var ranges = [Range<Int>?](repeating: nil, count: spans.count)
        var scratch: [UInt8] = []
        for (i, span) in spans.enumerated() where !blank[i] {
            if Normalizer.shadow(of: UnsafeBufferPointer(rebasing: bytes[span.content]), into: &scratch) {
                ranges[i] = arena.count..<(arena.count + scratch.count)
                arena += scratch
            }
        }
        storage = .allocate(capacity: max(arena.count, 1))
        _ = storage.initialize(from: arena)
        self.ranges = ranges
    }

    deinit { storage.deallocate() }

    /// The shadow of line `i`, or nil when it is the line itself.
    func shadow(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let r = ranges[i] else { return nil }
        return UnsafeBufferPointer(rebasing: UnsafeBufferPointer(storage)[r])
    }
}
