/// A detector's evidence for one removal, as a `Fate` stores it: two numbers (a
/// line and a share, a run's first line and length), or, for evidence that does
/// not fit, a reference to it whole. Boxes cost an allocation each: keep them for
/// rare removals (a site profile's), never for one a line of an ordinary page.
public enum PackedEvidence: Sendable, Equatable {
    case numbers(Int32, Int32)
    case boxed(EvidenceBox)

    public init(_ first: Int, _ second: Int = 0) {
        self = .numbers(Int32(truncatingIfNeeded: first), Int32(truncatingIfNeeded: second))
    }

    /// The two numbers (0 for a box).
    public var first: Int { if case .numbers(let a, _) = self { Int(a) } else { 0 } }
    public var second: Int { if case .numbers(_, let b) = self { Int(b) } else { 0 } }

    /// The boxed value; a detector unboxes only what it boxed.
    public func unboxed<T: Sendable & Equatable>(as type: T.Type) -> T {
        guard case .boxed(let box) = self, let typed = box as? TypedEvidenceBox<T> else {
            preconditionFailure("evidence of another type than \(T.self)")
        }
        return typed.value
    }

    public static func boxing<T: Sendable & Equatable>(_ value: T) -> PackedEvidence {
        .boxed(TypedEvidenceBox(value))
    }

    public static func == (a: PackedEvidence, b: PackedEvidence) -> Bool {
        switch (a, b) {
        case (.numbers(let x1, let y1), .numbers(let x2, let y2)): x1 == x2 && y1 == y2
        case (.boxed(let x), .boxed(let y)): x.isEqual(to: y)
        case (.numbers, .boxed), (.boxed, .numbers): false
        }
    }
}

/// Evidence kept whole (see `PackedEvidence.boxed`). Immutable.
public class EvidenceBox: @unchecked Sendable {
    func isEqual(to other: EvidenceBox) -> Bool { self === other }
}

final class TypedEvidenceBox<T: Sendable & Equatable>: EvidenceBox, @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
    override func isEqual(to other: EvidenceBox) -> Bool { (other as? TypedEvidenceBox<T>)?.value == value }
}

/// A detector's evidence type: what it says about a line it removed, packed into a
/// `Fate` and unpacked for explanations.
public protocol DetectorEvidence: Sendable, Equatable {
    var packed: PackedEvidence { get }
    init(unpacking packed: PackedEvidence)
    /// The same evidence with the page lines it names moved by `line` (a later
    /// round of `--settle` cleans the output, whose lines are numbered anew).
    func movingLines(_ line: (Int) -> Int) -> Self
}

extension DetectorEvidence {
    /// Evidence that names no line stays as it is.
    public func movingLines(_ line: (Int) -> Int) -> Self { self }
}

/// Evidence too large for two numbers, stored boxed.
public protocol BoxedEvidence: DetectorEvidence {}

extension BoxedEvidence {
    public var packed: PackedEvidence { .boxing(self) }
    public init(unpacking packed: PackedEvidence) { self = packed.unboxed(as: Self.self) }
}
