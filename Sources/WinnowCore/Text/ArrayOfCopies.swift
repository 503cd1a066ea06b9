extension Array {
    /// `count` copies of `value`, as `init(repeating:count:)` makes them. That one
    /// allocates through a stdlib function that is never specialized: it looks the
    /// storage type up at run time, ~700 instructions an array (17k arrays for
    /// 4.5 MB of pages). This one is specialized down to the allocation.
    @inline(__always)
    init(copies value: Element, count: Int) { self.init(repeatElement(value, count: count)) }
}
