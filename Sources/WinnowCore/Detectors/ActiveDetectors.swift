/// The detectors that run on one document: those of the registry that are not
/// switched off and have something to work from, each with its id, in order.
struct ActiveDetectors {
    private var detectors: [(id: DetectorID, detector: any Detector)] = []

    init(_ registry: DetectorRegistry, setup: DetectorSetup, off: Set<String>) {
        for (index, type) in registry.detectors.enumerated() where !off.contains(type.id) {
            if let detector = type.init(setup) { detectors.append((DetectorID(index: UInt8(index)), detector)) }
        }
    }

    /// Whether any reads the topic: then the page's content words are worked out.
    var readTopic: Bool { detectors.contains { type(of: $0.detector).readsTopic } }
    /// Whether the line classifier runs (or is watched): then the page is built for it.
    var readsFeatures: Bool { detectors.contains { $0.detector is ModelDetector } }

    /// Runs each in turn on `fates`; the topic and headline are worked out just
    /// before the first that reads them.
    mutating func run(_ pass: DetectorPass, _ fates: inout [Fate]) {
        for k in detectors.indices {
            if type(of: detectors[k].detector).readsTopic && !pass.knowsTopic { pass.findTopic(fates) }
            detectors[k].detector.run(pass, &fates, id: detectors[k].id)
        }
    }
}
