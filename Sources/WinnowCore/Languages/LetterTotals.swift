/// The letters of a page (or a line) that the language table weighs, counted:
/// what `Language.detect` reads. A page sums them as its lines are scanned, so no
/// line keeps these counts (`LineTraits` keeps a flag for each).
public struct LetterTotals: Sendable, Equatable {
    public var arabicScript = 0
    public var latinLetters = 0
    /// پ چ ژ گ (Persian only) and ی ک (Persian forms).
    public var persianLetters = 0
    public var persianOnlyLetters = 0
    /// ة ي ك ى (Arabic forms).
    public var arabicLetters = 0
    /// ة ى: letters Persian text does not use.
    public var arabicOnlyLetters = 0

    public init() {}
}
