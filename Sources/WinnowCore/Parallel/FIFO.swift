/// A first-in first-out queue on an array: taken items are dropped from the
/// front now and then, so it does not grow with the stream.
struct FIFO<Element> {
    private var items: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }
    var first: Element? { isEmpty ? nil : items[head] }

    mutating func append(_ item: Element) { items.append(item) }

    mutating func removeFirst() -> Element? {
        guard !isEmpty else { return nil }
        let item = items[head]
        head += 1
        if head >= 64 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}
