extension Array where Element: Comparable {
    /// Sorts the array and drops repeated elements, in place (no second array).
    mutating func sortUnique() {
        sort()
        var unique = 0
        for k in indices where unique == 0 || self[k] != self[unique - 1] {
            self[unique] = self[k]
            unique += 1
        }
        removeLast(count - unique)
    }
}
