import Testing
@testable import WinnowCore

/// Cross-document learning keys the page the cleaner builds, and the cleaner then
/// cleans that page instead of building it again: the results must be the same as
/// cleaning the bytes.
@Suite struct CleanerPageTests {
    static let seeds = GoldenTests.seeds

    func cleaner(model: Bool) -> Cleaner {
        var options = CleanOptions()
        options.classifier = model ? LineModel.embedded : nil
        return Cleaner(ruleSet: defaultRules, options: options)
    }

    @Test(arguments: seeds)
    func aBuiltPageCleansAsItsBytes(_ name: String) throws {
        let text = try readFile("seeds/" + name)
        for model in [true, false] {
            let cleaner = cleaner(model: model)
            text.withUnsafeBufferPointer { bytes in
                let page = cleaner.page(bytes)
                #expect(page.scansWords == model)
                #expect(cleaner.clean(page).fates == cleaner.clean(bytes).fates)
                // A page built without the model's counts is built again for the model.
                #expect(cleaner.clean(Page(bytes)).fates == cleaner.clean(bytes).fates)
            }
        }
    }

    /// One text or several (a JSON Lines record that repeats its text key): each
    /// cleaned with the counts of the texts before it, as one by one.
    @Test func severalTextsAreCountedInOrderAndCleanedAsOne() {
        let texts = TemplateLearningTests.pages.map(\.bytes) + [[]]
        let cleaner = Cleaner(ruleSet: .empty, options: TemplateLearningTests().onlyTemplates())
        let together = cleaner.clean(texts, learning: StreamLearning(index: TemplateIndex(minimumDocuments: 2)),
                                     turn: PipelineTurn(keeper: nil, ticket: 0))
        let oneByOne = StreamLearning(index: TemplateIndex(minimumDocuments: 2))
        let alone = texts.map { text in
            text.withUnsafeBufferPointer { cleaner.clean($0, learning: oneByOne, turn: PipelineTurn(keeper: nil, ticket: 0)) }
        }
        #expect(together.map(\.fates) == alone.map(\.fates))
        // The shared first line stays on the first page and is a template from the second on.
        #expect(together.map { $0.fates.first?.isKept } == [true, false, false, nil])
    }
}
