import Foundation
import Testing

/// The README's layout table names every folder of the package's sources and
/// every top-level folder, so that it cannot drift from the tree unnoticed.
@Suite struct LayoutTests {
    @Test func theReadmesLayoutTableNamesEveryFolder() throws {
        let readme = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "\n## Layout\n")).upperBound
        let end = readme[start...].range(of: "\n## ")?.lowerBound ?? readme.endIndex
        let table = readme[start..<end]
        func folders(_ relative: String) -> [String] {
            let path = packageRoot + "/" + relative
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { name in
                var isDirectory: ObjCBool = false
                return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
                    && isDirectory.boolValue
            }.sorted()
        }
        // Made by builds and the wheel script, never committed.
        for name in folders("") where name != "dist" {
            #expect(table.contains("`\(name)/") || table.contains("`\(name)`"), "README layout: \(name)/")
        }
        for name in folders("Sources") {
            #expect(table.contains("`Sources/\(name)`"), "README layout: Sources/\(name)")
        }
        for name in folders("Sources/WinnowCore") + folders("Sources/WinnowCore/Matching") {
            #expect(table.contains("`Sources/WinnowCore/\(name)/`") || table.contains("`\(name)/`"), "README layout: \(name)/")
        }
    }
}
