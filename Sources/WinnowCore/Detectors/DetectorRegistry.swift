/// The detectors a cleaner runs, in order. A detector's `DetectorID` is its place
/// here, so a `Reason` is read with the registry that made it (`CleanResult.detectors`).
public struct DetectorRegistry: @unchecked Sendable {
    public let detectors: [any Detector.Type]

    /// winnow's detectors. A new detector is its file and one line here.
    public static let standard = DetectorRegistry([
        RepeatDetector.self,
        ProfileDetector.self,
        TemplateDetector.self,
        HeadlineListDetector.self,
        MenuDetector.self,
        ModelDetector.self,
    ])

    public init(_ detectors: [any Detector.Type]) {
        precondition(detectors.count <= Int(UInt8.max), "too many detectors for a DetectorID")
        precondition(Set(detectors.map { $0.id }).count == detectors.count, "two detectors share an id")
        self.detectors = detectors
    }

    /// This registry with `detector` run last.
    public func adding(_ detector: any Detector.Type) -> DetectorRegistry {
        DetectorRegistry(detectors + [detector])
    }

    public var ids: [String] { detectors.map { $0.id } }

    public subscript(_ id: DetectorID) -> any Detector.Type { detectors[Int(id.index)] }

    public func id(of detector: any Detector.Type) -> DetectorID? {
        detectors.firstIndex { ObjectIdentifier($0) == ObjectIdentifier(detector) }.map { DetectorID(index: UInt8($0)) }
    }

    public func id(named name: String) -> DetectorID? {
        detectors.firstIndex { $0.id == name }.map { DetectorID(index: UInt8($0)) }
    }

    /// The id of the detector behind `hit` ("repeats").
    public func name(_ hit: DetectorHit) -> String { self[hit.detector].id }
    public func isCertain(_ hit: DetectorHit) -> Bool { self[hit.detector].isCertain(hit.evidence) }
    public func explain(_ hit: DetectorHit) -> String { self[hit.detector].explain(hit.evidence) }
    /// `hit` with the page lines its evidence names moved by `line`.
    public func movingLines(_ hit: DetectorHit, _ line: (Int) -> Int) -> DetectorHit {
        DetectorHit(hit.detector, self[hit.detector].movingLines(hit.evidence, line))
    }
    public func write(_ hit: DetectorHit, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        self[hit.detector].write(hit.evidence, to: &json, line: line, of: result)
    }
}

/// A detector's place in its `DetectorRegistry` (one byte: it is stored in fates).
public struct DetectorID: Hashable, Sendable {
    let index: UInt8
}

extension Fate {
    /// The evidence of `detector` for this line, if that detector removed it.
    public func evidence<D: Detector>(of detector: D.Type, in registry: DetectorRegistry = .standard) -> D.Evidence? {
        guard case .removed(.detector(let hit)) = self, hit.detector == registry.id(of: detector) else { return nil }
        return D.Evidence(unpacking: hit.evidence)
    }
}
