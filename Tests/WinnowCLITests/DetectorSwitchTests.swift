import Testing

/// `--no-detector ID`: the ids are the registry's.
@Suite struct DetectorSwitchTests {
    let line = "The council approved the new budget on Tuesday after a long debate about schools."

    @Test func aDetectorIsTurnedOffByItsId() throws {
        let input = Array("\(line)\n\(line)\n".utf8)
        #expect(try winnow(["--no-model"], stdin: input).out == "\(line)\n")
        #expect(try winnow(["--no-model", "--no-detector", "repeats"], stdin: input).out == "\(line)\n\(line)\n")
        #expect(try winnow(["--no-model", "--no-repeats"], stdin: input).out == "\(line)\n\(line)\n")
    }

    @Test func anUnknownIdIsAUsageErrorThatListsTheIds() throws {
        let run = try winnow(["--no-detector", "nonsense"], stdin: Array("x\n".utf8))
        #expect(run.status == 2)
        #expect(run.stderr.contains("repeats") && run.stderr.contains("cross-document"), "\(run.stderr)")
    }
}
