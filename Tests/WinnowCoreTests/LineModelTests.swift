import Foundation
import Testing
@testable import WinnowCore

/// The learned line model: the file format, Swift's scores against the training
/// code's, and what the classifier may and may not remove.
@Suite struct LineModelTests {
    @Test func embeddedModelIsTheCommittedFile() throws {
        let file = String(decoding: try readFile("models/line.model"), as: UTF8.self)
        #expect(EmbeddedModel.text == file, "run train/train.py (or regenerate EmbeddedModel.swift) after changing models/line.model")
    }

    /// `train/train.py` scored these lines with numpy from `winnow features`; Swift
    /// must give the same scores with the same model.
    @Test func scoresEqualTheTrainingCode() throws {
        try Self.expectScores("Tests/Fixtures/line-model-scores.tsv", model: LineModel.embedded)
    }

    /// The same with a model of the other stage-1 learner than the embedded one's
    /// (`train.py --second-fixture`: now the logistic line-2026-12-04b, its lexical
    /// table cut to the fixture pages' words), so both paths stay exact: the trees'
    /// thresholds are the doubles scikit-learn compares, written exactly
    /// (hexadecimal floats), so the same leaves are reached and the same sums made.
    @Test func secondModelScoresEqualTheTrainingCode() throws {
        let text = String(decoding: try readFile("Tests/Fixtures/line-second.model"), as: UTF8.self)
        let model = try LineModel(text: text)
        #expect((model.trees == nil) != (LineModel.embedded.trees == nil), "the second model has the other learner")
        try Self.expectScores("Tests/Fixtures/line-model-scores-second.tsv", model: model)
    }

    static func expectScores(_ fixturePath: String, model: LineModel) throws {
        let fixture = String(decoding: try readFile(fixturePath), as: UTF8.self)
        var expected: [String: [Int: Double]] = [:]
        for line in fixture.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            expected[String(cols[0]), default: [:]][Int(cols[1])!] = Double(cols[2])!
        }
        #expect(expected.count >= 5)
        for (path, lines) in expected {
            let scores = try Self.scores(of: try readFile(path), model: model)
            #expect(scores.compactMap { $0 }.count == lines.count, "\(path): scored lines")
            for (line, score) in lines {
                let got = try #require(scores[line], "\(path):\(line) not scored")
                #expect(abs(got - score) < 1e-9, "\(path):\(line): swift \(got), python \(score)")
            }
        }
    }

    /// What the model sees is what `winnow features` prints: the last pass of a
    /// cleaner without the model.
    static func scores(of page: [UInt8], model: LineModel) throws -> [Double?] {
        let cleaner = Cleaner(ruleSet: defaultRules)
        var scores: [Double?] = []
        cleaner.observeClassifierInput = { features, fates, headline in
            scores = model.scores(features, fates: fates, headline: headline)
        }
        _ = cleaner.clean(page)
        return scores
    }

    /// Hexadecimal floats as Python's `float.hex` writes them read back exactly.
    @Test func hexFloatsReadExactly() {
        func read(_ s: String) -> Double? { Array(s.utf8).withUnsafeBufferPointer { TreeEnsemble.hexFloat($0) } }
        #expect(read("0x1.8000000000000p+1") == 3)
        #expect(read("-0x1.91c99187ab412p-3") == -0x1.91c99187ab412p-3)
        #expect(read("0x0.0p+0") == 0)
        #expect(read("0x0.0000000000001p-1022") == Double.leastNonzeroMagnitude)
        #expect(read("0x1.fffffffffffffp+1023") == Double.greatestFiniteMagnitude)
        #expect(read("1.5") == nil)
    }

    /// A small version-2 file: a row goes left at a split when its value is at
    /// most the threshold (equality too), and a NaN where the split says.
    @Test func treesGoLeftAtEqualityAndNaNWhereTold() throws {
        let n = LineFeatures.count
        var out = ["winnow-line-model 2", "name t", "threshold 0.5", "stage1 trees",
                   "features " + (LineFeatures.names + ["lexical"]).joined(separator: " "), "baseline 0x1.0000000000000p-1",
                   "tree 3", "\(n) 0x1.0000000000000p+0 1 2 0", "leaf 0x1.0000000000000p+1", "leaf 0x1.0000000000000p+2",
                   "tree 3", "0 0x1.0000000000000p+0 1 2 1", "leaf 0x1.0000000000000p+3", "leaf 0x1.0000000000000p+4",
                   "stage2"]
        out += LineModel.stage2Names.map { "\($0) 0.0 1.0 0.0" }
        out += ["bias 0.0", "lexical 18 0.0"]
        let model = try LineModel(text: out.joined(separator: "\n") + "\n")
        let trees = try #require(model.trees)
        func logit(lexical: Double, first: Double) -> Double {
            var row = [Double](repeating: 0, count: n + 1)
            row[n] = lexical; row[0] = first
            return row.withUnsafeBufferPointer { trees.logit($0.baseAddress!) }
        }
        #expect(logit(lexical: 1, first: 1) == 0.5 + 2 + 8)
        #expect(logit(lexical: 1.0000000000000002, first: 2) == 0.5 + 4 + 16)
        #expect(logit(lexical: .nan, first: .nan) == 0.5 + 4 + 8)
        #expect(model.summary.contains("2 trees"))
        // A version-1 file may not hold trees; a child must follow its node.
        #expect(throws: LineModel.FormatError.self) { try LineModel(text: out.joined(separator: "\n").replacingOccurrences(of: "model 2", with: "model 1")) }
        #expect(throws: LineModel.FormatError.self) { try LineModel(text: out.joined(separator: "\n").replacingOccurrences(of: "0 1 2 1", with: "0 0 2 1")) }
    }

    /// The embedded trees walked side by side (`LockstepTrees`) give every row the
    /// logit, to the bit, of the walk node by node: rows at and around each split's
    /// threshold (equality goes left), -0 and +0, and random finite values.
    @Test func lockstepTreesWalkAsTheNodeWalk() throws {
        let trees = try #require(LineModel.embedded.trees)
        let lockstep = try #require(trees.lockstep)
        let count = trees.names.count
        var generator = SystemRandomNumberGenerator()
        var rows: [[Double]] = [[Double](repeating: 0, count: count), [Double](repeating: -0.0, count: count)]
        for s in trees.threshold.indices {
            let t = trees.threshold[s], f = Int(trees.feature[s])
            for x in [t, t.nextDown, t.nextUp, -t] {
                var row = (0..<count).map { _ in Double.random(in: -20...20, using: &generator) }
                row[f] = x
                rows.append(row)
            }
        }
        for _ in 0..<2000 {
            rows.append((0..<count).map { _ in Double.random(in: -3...3, using: &generator) * [1, 10, 1e-3].randomElement()! })
        }
        for row in rows {
            let (walked, stepped) = row.withUnsafeBufferPointer {
                (trees.walk($0.baseAddress!, careful: false), lockstep.logit($0.baseAddress!, baseline: trees.baseline))
            }
            #expect(walked.bitPattern == stepped.bitPattern)
        }
    }

    @Test func aModelForOtherFeaturesIsRefused() {
        let text = "winnow-line-model 1\nstage1\nlog_chars 0 1 1\nbias 0\nstage2\nz 0 1 1\nbias 0\n"
        #expect(throws: LineModel.FormatError.self) { try LineModel(text: text) }
        #expect(throws: LineModel.FormatError.self) { try LineModel(text: "not a model\n") }
        #expect(throws: LineModel.FormatError.self) {
            try LineModel(text: LineModelTests.uniformModel(threshold: 0.5).replacingOccurrences(of: " 1.0 0.0\n", with: " 0 0.0\n"))
        }
        // A threshold is a probability: 1.5 or -0.1 would remove every line the model may decide, or none.
        for bad in [1.5, -0.1] {
            #expect(throws: LineModel.FormatError.self) { try LineModel(text: LineModelTests.uniformModel(threshold: bad)) }
        }
        #expect(throws: Never.self) { try LineModel(text: LineModelTests.uniformModel(threshold: 1)) }
    }

    /// A model that scores every line 0.5: with threshold 1 it would remove every
    /// line it may decide; rules, their protections and the headline still win.
    static func uniformModel(threshold: Double) -> String {
        var out = ["winnow-line-model 1", "name uniform", "threshold \(threshold)", "stage1"]
        out += LineFeatures.names.map { "\($0) 0.0 1.0 0.0" }
        out += ["bias 0.0", "stage2"]
        out += LineModel.stage2Names.map { "\($0) 0.0 1.0 0.0" }
        out += ["bias 0.0"]
        return out.joined(separator: "\n") + "\n"
    }

    @Test func rulesAndTheHeadlineWinOverTheModel() throws {
        var options = CleanOptions()
        options.classifier = try LineModel(text: Self.uniformModel(threshold: 1))
        options.removalBudget = 1   // this test is about what the model may touch, not how much
        let rules = try ruleSet("keep t.keep ^Keep this line")
        let page = """
        Minister opens the new harbour bridge in the north
        The minister opened the new harbour bridge on Monday, after four years of building work and a long dispute.
        Keep this line.
        Another line the model may take away, since nothing protects it.
        Traffic will use the bridge from next week, the city council said in a short statement on Tuesday.
        Residents of both banks had asked for a crossing since the old ferry stopped running.
        The bridge cost more than planned, and the council will publish the final figures in the spring.
        Engineers will check the structure every year for the first decade of its use.
        A festival on the new bridge is planned for the summer, with music and food stalls.
        """
        let result = Cleaner(ruleSet: rules, options: options).clean(Array(page.utf8))
        #expect(result.fates[0] == .kept, "the headline stays")
        #expect(result.fates[1].isRemoved)
        #expect(result.fates[2] == .protected(rule: 0))
        #expect(result.fates[3].isRemoved)
        #expect(result.fates[3].evidence(of: ModelDetector.self)?.permille == 500, "a model removal")
        #expect(result.fates.filter { $0.evidence(of: ModelDetector.self) != nil }.count == 7)
    }

    /// A headline in two parts ("X… Y") is the page's headline too: the model may
    /// not take it (LBC's Arabic pages lost theirs).
    @Test func aTwoPartHeadlineStays() throws {
        var options = CleanOptions()
        options.classifier = try LineModel(text: Self.uniformModel(threshold: 1))
        options.removalBudget = 1
        let page = """
        Harbour bridge opens… the minister cheers a crossing four years in the making
        The minister opened the new harbour bridge on Monday, after four years of building work and a long dispute.
        Traffic will use the bridge from next week, the city council said in a short statement on Tuesday.
        Residents of both banks had asked for a crossing since the old ferry stopped running.
        The bridge cost more than planned, and the council will publish the final figures in the spring.
        Engineers will check the structure every year for the first decade of its use.
        A festival on the new bridge is planned for the summer, with music and food stalls.
        Shops near both ends of the bridge expect more customers once the traffic starts.
        """
        let result = Cleaner(ruleSet: try ruleSet(""), options: options).clean(Array(page.utf8))
        #expect(result.fates[0] == .kept, "the headline stays")
        #expect(result.fates[1].isRemoved)
    }

    /// A fragment of a few lines is not a page: the model leaves it alone.
    @Test func aShortFragmentIsLeftAlone() throws {
        var options = CleanOptions()
        options.classifier = try LineModel(text: Self.uniformModel(threshold: 1))
        let fragment = "Title\nBody line one.\nBody line two.\n"
        #expect(clean(fragment, options: options) == fragment)
    }

    /// The seeds stay exactly as expected with the built-in model, as the CLI runs.
    @Test(arguments: GoldenTests.seeds)
    func seedsStayExactWithTheModel(_ name: String) throws {
        var options = CleanOptions()
        options.classifier = LineModel.embedded
        let page = try readFile("seeds/" + name)
        let expected = String(decoding: try readFile("seeds/expected/" + name), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let output = String(decoding: CleanWriter.cleaned(page, Cleaner(ruleSet: defaultRules, options: options).clean(page)), as: UTF8.self)
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }

    @Test func aNeutralModelChangesNothing() throws {
        var options = CleanOptions()
        options.classifier = try LineModel(text: Self.uniformModel(threshold: 0.5))
        for name in GoldenTests.seeds {
            let page = try readFile("seeds/" + name)
            #expect(Cleaner(ruleSet: defaultRules, options: options).clean(page).fates == Cleaner(ruleSet: defaultRules).clean(page).fates)
        }
    }
}

/// Each named feature holds what its name says (the model file pairs weights
/// with names, so a value in the wrong column would be learned under a lie).
@Suite struct LineFeatureTests {
    static func row(_ text: String, line: Int) throws -> [String: Double] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            let page = Page(buffer)
            let features = LineFeatures(page)
            let fates = [Fate](repeating: .kept, count: page.count).enumerated().map { page.blank[$0.offset] ? Fate.blank : $0.element }
            let rows = features.rows(fates: fates, headline: nil)
            let k = try #require(rows.lines.firstIndex(of: line))
            return Dictionary(uniqueKeysWithValues: zip(LineFeatures.names, rows.row(k)))
        }
    }

    @Test func ownFeaturesDescribeTheLine() throws {
        let f = try Self.row("Home | News | Sport\n\nIs this the end of the road for the old harbour bridge?\nwww.example.com\n", line: 2)
        #expect(f["ends_question"] == 1)
        #expect(f["ends_sentence"] == 1)
        #expect(f["log_words"] == log1p(12))
        #expect(f["url_like"] == 0)
        #expect(f["blank_before"] == 1)
        #expect(f["blank_after"] == 0)
        #expect(f["n-1_missing"] == 0)
        #expect(f["n-2_missing"] == 1)
        #expect(f["n1_log_chars"] == log1p(15))
        let menu = try Self.row("Home | News | Sport\n", line: 0)
        #expect(menu["log_separators"] == log1p(2))
        #expect(menu["capital_share"] == 3.0 / 5.0)
        #expect(menu["position"] == 0)
        #expect(try Self.row("a\nwww.example.com\n", line: 1)["url_like"] == 1)
        #expect(try Self.row("新闻。今天很好！\n", line: 0)["log_cjk_breaks"] == log1p(2))
    }

    @Test func rowsCoverEveryNameAndOnlyKeptLines() throws {
        let text = "one line here\ntwo line here\n\nthree\n"
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            let page = Page(buffer)
            var fates = [Fate](repeating: .kept, count: page.count)
            fates[2] = .blank
            fates[1] = .removed(.rule(RuleHit(0, .drop)))
            let rows = LineFeatures(page).rows(fates: fates, headline: nil)
            #expect(rows.lines == [0, 3])
            #expect(rows.values.count == 2 * LineFeatures.names.count)
            let last = Dictionary(uniqueKeysWithValues: zip(LineFeatures.names, rows.row(1)))
            // The removed line is not a neighbour: the kept line before "three" is line 0.
            #expect(last["n-1_log_chars"] == log1p(13))
            #expect(last["blank_before"] == 1)
            _ = try #require(rows.values.allSatisfy { $0.isFinite } ? true : nil)
        }
    }
}
