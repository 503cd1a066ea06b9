import Foundation
import TestSupport

/// The package root, found from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The `winnow` binary built next to the test bundle.
let winnowPath: String = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("winnow").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return packageRoot + "/.build/debug/winnow"
}()

struct Run {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
    var out: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs winnow with arguments and standard input; waits for it.
func winnow(_ arguments: [String], stdin: [UInt8] = [], cwd: String? = nil, executable: String = winnowPath,
            environment: [String: String]? = nil) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    if let environment { process.environment = environment }
    // Standard input and error go through files, so no second thread is needed.
    let scratch = NSTemporaryDirectory() + "winnow-run-" + UUID().uuidString
    FileManager.default.createFile(atPath: scratch + ".in", contents: Data(stdin))
    FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: scratch + ".in")
        try? FileManager.default.removeItem(atPath: scratch + ".err")
    }
    let output = Pipe()
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + ".in"))
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errData = FileManager.default.contents(atPath: scratch + ".err") ?? Data()
    return Run(status: process.terminationStatus, stdout: [UInt8](outData), stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
    try ScratchFolders.make("winnow-test-")
}

func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}
