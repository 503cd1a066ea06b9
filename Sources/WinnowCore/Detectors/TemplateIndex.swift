/// Cross-document chrome: how many documents of a run each line (normalised, all
/// spaces removed) stands in. A line in many documents is the site's template (its
/// name, slogan, menu), unless it reads like article prose. Built in a first pass
/// over a folder, or as it goes over a stream; bounded: past `capacity` distinct
/// lines, the rarest are forgotten.
public final class TemplateIndex: @unchecked Sendable {
    private var counts = HashTable(capacity: 4096)
    public private(set) var documents = 0
    /// A line is template when it stands in at least this many documents...
    public var minimumDocuments: Int
    public let capacity: Int

    public init(minimumDocuments: Int = 3, capacity: Int = 1 << 21) {
        self.minimumDocuments = minimumDocuments
        self.capacity = capacity
    }

    /// Counts the distinct lines of one document.
    public func add(_ document: UnsafeBufferPointer<UInt8>) {
        add(keys: TemplateIndex.lineKeys(document))
    }

    /// Counts one document from its `lineKeys`, which callers may work out on other
    /// threads: adding documents' keys in the same order gives the same index.
    public func add(keys: [UInt64]) {
        documents += 1
        for key in keys { counts.add(key, 1) }
        if counts.count > capacity { forgetRarest() }
    }

    /// The distinct keys of a document's non-blank lines (see `key`), sorted.
    public static func lineKeys(_ document: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var keys: [UInt64] = []
        var shadow: [UInt8] = []
        for span in LineSplitter.split(document) where !LineSplitter.isBlank(document, span) {
            keys.append(TemplateIndex.key(UnsafeBufferPointer(rebasing: document[span.content]), shadow: &shadow))
        }
        keys.sortUnique()
        return keys
    }

    public func add(_ document: [UInt8]) { document.withUnsafeBufferPointer { add($0) } }

    /// In how many documents the line stands.
    public func documentCount(_ key: UInt64) -> Int { Int(counts[key] ?? 0) }

    public func isTemplate(_ key: UInt64) -> Bool { documentCount(key) >= minimumDocuments }

    /// The key of a line: its normalised shadow without spaces, hashed (as the
    /// repeat detector compares lines).
    static func key(_ line: UnsafeBufferPointer<UInt8>, shadow: inout [UInt8]) -> UInt64 {
        if Normalizer.shadow(of: line, into: &shadow) {
            return shadow.withUnsafeBufferPointer { RepeatDetector.spacelessHash($0) }
        }
        return RepeatDetector.spacelessHash(line)
    }

    /// Halves every count and drops the lines that reach zero: bounded memory on
    /// endless streams, keeping what recurs.
    private func forgetRarest() {
        counts.rebuild { $0 > 1 ? $0 / 2 : nil }
    }
}

/// Removes the template lines a `TemplateIndex` knows, but never the page's
/// headline, a prose line, or a line about the article's own topic (a story's
/// headline listed under "most read" on other pages stays in its own article).
public struct TemplateDetector {
    public let index: TemplateIndex
    public var onTopicShare = 0.5

    public init(index: TemplateIndex) { self.index = index }

    func run(_ page: Page, _ fates: inout [Fate], topic: TopicModel, headline: Int?) {
        for i in 0..<page.count where fates[i] == .kept && i != headline && !page.traits[i].isProse {
            let count = index.documentCount(RepeatDetector.spacelessHash(page.shadow(i)))
            // Only a line with some substance can be "about the story": a site's name
            // that the body also quotes ("according to X") is still template.
            let onTopic = topic.wordCount(i) >= 3 && topic.overlap(i, isProse: false) >= onTopicShare
            guard count >= index.minimumDocuments, !onTopic else { continue }
            fates[i] = .removed(.template(documents: count))
        }
    }
}
