import Synchronization

/// Compiled alternations by the rules they join (indexes in the rule set), shared
/// by every group of a rule set: the rules of a first-character bucket, or those
/// every line meets, are often the same for several language combinations, and
/// compiling an alternation costs far more than matching a page with it.
final class AlternationCache: Sendable {
    /// A class around the list, for `AtomicLazyReference`.
    final class Entry: Sendable {
        let list: [Alternation]
        init(_ list: [Alternation]) { self.list = list }
    }

    private let entries = Mutex<[[Int]: Entry]>([:])

    /// The alternations of `members`, compiled on first request. Compiling holds the
    /// lock: a worker asking for the same rules meanwhile waits instead of compiling
    /// them again.
    func entry(for members: [Int], _ rules: [CompiledRule]) -> Entry {
        entries.withLock { table in
            if let known = table[members] { return known }
            let made = Entry(Alternation.build(members, rules))
            table[members] = made
            return made
        }
    }

    func alternations(of members: [Int], _ rules: [CompiledRule]) -> [Alternation] {
        members.isEmpty ? [] : entry(for: members, rules).list
    }
}
