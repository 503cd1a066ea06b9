/// The detectors that run on one document: those of the registry that are not
/// switched off and have something to work from, each with its id, in order.
///
/// Made once a document, so kept in flat arrays: reading a detector's static
/// traits through its existential copied it each time (callgrind, small documents).
struct ActiveDetectors {
    private var detectors: [any Detector] = []
    private var ids: [DetectorID] = []
    private var readsTopicAt: [Bool] = []
    /// Whether a detector reads the line features (the classifier runs, or is
    /// watched): then the page is built for it.
    private(set) var readsFeatures = false

    init(_ registry: DetectorRegistry, setup: DetectorSetup, off: Set<String>) {
        let count = registry.detectors.count
        detectors.reserveCapacity(count)
        ids.reserveCapacity(count)
        readsTopicAt.reserveCapacity(count)
        for (index, type) in registry.detectors.enumerated() where off.isEmpty || !off.contains(type.id) {
            guard let detector = type.make(setup) else { continue }
            detectors.append(detector)
            ids.append(DetectorID(index: UInt8(index)))
            readsTopicAt.append(type.readsTopic)
            if type.readsFeatures { readsFeatures = true }
        }
    }

    /// Whether any reads the topic: then the page's content words are worked out.
    var readTopic: Bool { readsTopicAt.contains(true) }

    /// Runs each in turn on `fates`; the topic and headline are worked out just
    /// before the first that reads them.
    mutating func run(_ pass: DetectorPass, _ fates: inout [Fate]) {
        for k in detectors.indices {
            if readsTopicAt[k] && !pass.knowsTopic { pass.findTopic(fates) }
            detectors[k].run(pass, &fates, id: ids[k])
        }
    }
}
