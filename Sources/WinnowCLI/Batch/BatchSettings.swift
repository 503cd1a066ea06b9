/// Where a batch writes and what it skips.
struct BatchSettings: Sendable {
    var inputRoot: String
    var outputRoot: String?
    var inPlace: Bool
    var backupSuffix: String?
    var skipExisting: Bool
    var maxDocBytes: Int

    func outputPath(for item: BatchPlan.Item) -> String {
        inPlace ? item.input : outputRoot! + "/" + item.relative
    }
}
