/// How many items an `OrderedPipeline` hands a worker at once. Consecutive items go
/// together until a batch holds `items` of them or `bytes` bytes; an item larger
/// than `bytes` goes alone. The reader and the workers then lock and wake each other
/// once a batch instead of once an item: with documents of a few KiB
/// those hand-offs cost a fifth of `-j 2`'s time on two cores.
public struct BatchLimits: Sendable {
    public var items: Int
    public var bytes: Int

    public init(items: Int, bytes: Int) {
        self.items = max(1, items)
        self.bytes = max(0, bytes)
    }

    /// Every item alone.
    public static let unbatched = BatchLimits(items: 1, bytes: .max)

    /// Up to 16 documents or 64 KiB: a few milliseconds of cleaning.
    public static let smallDocuments = BatchLimits(items: 16, bytes: 64 << 10)
}
