/// What `winnow learn` gathers from a corpus, page by page in input order: the
/// template lines its pages share (`TemplateLearner`), and with `keepsPages` the
/// pages themselves, for the site's profile (which cleans them once all are seen).
/// Fed by `LearningWorker` in each page's turn.
public final class CorpusLearning: @unchecked Sendable {
    public private(set) var learner: TemplateLearner
    public let keepsPages: Bool
    public private(set) var pages: [[UInt8]] = []

    public init(_ learner: TemplateLearner, keepsPages: Bool = false) {
        self.learner = learner
        self.keepsPages = keepsPages
    }

    /// Adds the next page; callers keep the corpus's order.
    public func add(_ page: [UInt8]) {
        learner.add(page)
        if keepsPages { pages.append(page) }
    }

    /// The site's profile text (`learn --save-profile`): the kept pages cleaned as one
    /// batch site (their lines counted first, then each page cleaned with the counts),
    /// the template lines removed recorded (`ProfileRecorder`).
    public func profileText(site: String, rulesFile: String, cleaner: Cleaner, minimumDocuments: Int) -> String {
        let templates = TemplateIndex(minimumDocuments: minimumDocuments)
        for page in pages { templates.add(page) }
        let recorder = ProfileRecorder()
        for page in pages {
            page.withUnsafeBufferPointer { recorder.record($0, cleaner.clean($0, templates: templates), site: site) }
        }
        return recorder.profileText(site: site, rulesFile: rulesFile)
    }
}
