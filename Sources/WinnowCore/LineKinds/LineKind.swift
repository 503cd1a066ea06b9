/// What kind of line it is, as the rules and detectors read it: prose (body text),
/// headline-like, title-like, name-like. One byte a line, decided once per page by
/// the page's `LineKindClassifier` and read from `Page.kinds`.
public struct LineKind: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Body text: never template chrome (the body's bounds, the removal budget and
    /// the cut guard count it).
    public static let prose = LineKind(rawValue: 1)
    /// How headlines, menu items and labels look (teaser lists, `list` rules).
    public static let headlineLike = LineKind(rawValue: 2)
    /// How a page's own title may look (the headline guard).
    public static let titleLike = LineKind(rawValue: 4)
    /// How a person's name looks (`grab` rules take such lines next to a byline).
    public static let nameLike = LineKind(rawValue: 8)

    public var isProse: Bool { contains(.prose) }
    public var isHeadlineLike: Bool { contains(.headlineLike) }
    public var isTitleLike: Bool { contains(.titleLike) }
    public var isNameLike: Bool { contains(.nameLike) }
}
