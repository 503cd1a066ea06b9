import Testing
@testable import WinnowCore

@Suite struct RepeatDetectorTests {
    let a = "The council approved the new budget on Tuesday after a long debate about schools."
    let b = "Opposition members said the plan would cut services in the poorest districts of the city."
    let c = "The mayor promised a review of the spending in the autumn, when new figures are due."

    @Test func dropsLaterCopiesKeepsTheFirst() {
        // The blank line before the dropped copy still separates the kept lines around it.
        #expect(clean("Headline\n\n\(a)\n\nHeadline\n\(b)\n", rules: .empty) == "Headline\n\n\(a)\n\n\(b)\n")
        let f = fates("Headline\nHeadline\n", rules: .empty)
        #expect(f[1].evidence(of: RepeatDetector.self) == .copy(of: 0))
    }

    /// A later pass of one document reuses the last pass's removals only when it is
    /// handed the same fates; other fates are worked out afresh.
    @Test func aLaterPassReusesTheRemovalsOnlyForTheSameFates() {
        let text = Array("\(a)\n\(b)\n\(a)\nMenu\nMenu\n".utf8)
        text.withUnsafeBufferPointer { bytes in
            let page = Page(bytes)
            let pass = DetectorPass(page: page, state: PassState(page), features: nil, words: WordLists(), scratch: MatchScratch())
            let id = DetectorID(index: 0)
            var detector = RepeatDetector()
            let kept = [Fate](repeating: .kept, count: page.count)
            var first = kept
            detector.run(pass, &first, id: id)
            var again = kept
            detector.run(pass, &again, id: id)
            #expect(again == first)
            #expect(first.map(\.isKept) == [true, true, false, true, false])
            // Line 0 gone: line 2 is the first copy now, and is kept; the second "Menu" still goes.
            var other = kept
            other[0] = .removed(.detector(DetectorHit(id, PackedEvidence(9))))
            detector.run(pass, &other, id: id)
            var fresh = other
            var freshDetector = RepeatDetector()
            freshDetector.run(pass, &fresh, id: id)
            #expect(other == fresh)
            #expect(other.map(\.isKept) == [false, true, true, true, false])
        }
    }

    @Test func copiesDifferingInSpacingOrLetterFormsAreCopies() {
        // ZWNJ vs nothing, Arabic vs Persian yeh: the same line to a reader.
        #expect(clean("رئیس‌جمهور گفت\nرئيسجمهور گفت\n", rules: .empty) == "رئیس‌جمهور گفت\n")
    }

    /// Byte-equal lines take the memcmp path; the rest the loop that skips spaces and tabs.
    @Test func sameWithoutSpacesComparesTheBytesLeftOnceSpacesGo() {
        func same(_ a: String, _ b: String) -> Bool {
            Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { RepeatDetector.sameWithoutSpaces(x, $0) } }
        }
        #expect(same("a b c", "a b c"))
        #expect(same("", ""))
        #expect(same("a b\tc", "abc"))
        #expect(same(" abc ", "a bc"))
        #expect(!same("a b c", "a b d"))
        #expect(!same("abc", "abcd"))
        #expect(!same("abcd", "abce"))
        #expect(!same("", "x"))
        #expect(same(" \t", ""))
    }

    @Test func dropsAnArticlePastedTwice() {
        let article = "\(a)\n\(b)\n\(c)\n"
        #expect(clean(article + article, rules: .empty) == article)
    }

    @Test func dropsANearCopyWithAFewWordsEdited() {
        let edited = "The council approved the new budget on Tuesday after a long debate about the schools."
        #expect(clean("\(a)\n\(b)\n\n\(edited)\n", rules: .empty) == "\(a)\n\(b)\n")
        if case .near(of: 0, let percent)? = fates("\(a)\n\(edited)\n", rules: .empty)[1].evidence(of: RepeatDetector.self) {
            #expect(percent >= 80)
        } else {
            Issue.record("expected a near repeat")
        }
    }

    @Test func dropsAnEditedLineInsideACopiedBlock() {
        let editedB = "Opposition members warned the plan might cut key services in poor districts."
        let text = "\(a)\n\(b)\n\(c)\n\n\(a)\n\(editedB)\n\(c)\n"
        #expect(clean(text, rules: .empty) == "\(a)\n\(b)\n\(c)\n")
    }

    @Test func keepsALongerParagraphThatQuotesAnEarlierLine() {
        let longer = "\(a) Several members then walked out, and the session ended early without a vote on the second item."
        #expect(clean("\(a)\n\(longer)\n", rules: .empty) == "\(a)\n\(longer)\n")
    }

    @Test func canBeSwitchedOff() {
        var o = CleanOptions()
        o.turnOff(RepeatDetector.self)
        #expect(clean("X\nX\n", rules: .empty, options: o) == "X\nX\n")
    }
}

@Suite struct HeadlineListDetectorTests {
    let prose = "This is a long body paragraph with many words in it that reads like an article sentence."
    let other = "Rain kept falling through the night, and by morning the river had reached the old stone wall."
    let paragraphs = [
        "Engineers closed the crossings at dawn after the water rose above the warning mark.",
        "Members argued for three hours before the vote, which passed by a single voice.",
        "Supporters filled the square to greet the players as the bus crawled through town.",
        "The route will run every ten minutes and stop at six new shelters along the way.",
        "Doctors urged older residents to stay indoors during the hottest part of each day.",
        "Parents welcomed the change, though some head teachers asked who will pay for it.",
    ]
    let headlines = [
        "Floods close three bridges in the valley",
        "Council votes to keep the old library open",
        "Local team wins the regional cup final again",
        "New bus line links the airport and the centre",
        "Heat wave expected to last until the weekend",
        "School meals to become free for all pupils",
    ]

    @Test func dropsARunOfHeadlines() {
        let text = "\(prose)\n\n" + headlines.joined(separator: "\n") + "\n"
        #expect(clean(text, rules: .empty) == "\(prose)\n")
        #expect(fates(text, rules: .empty)[2].evidence(of: HeadlineListDetector.self) == HeadlineRun(first: 2, count: 6))
    }

    @Test func dropsARunBetweenBodyParagraphs() {
        let text = "\(prose)\n\n" + headlines.joined(separator: "\n") + "\n\n\(other)\n"
        #expect(clean(text, rules: .empty) == "\(prose)\n\n\(other)\n")
    }

    @Test func keepsShortRuns() {
        let text = "\(prose)\n\n" + headlines.prefix(4).joined(separator: "\n") + "\n"
        #expect(clean(text, rules: .empty) == text)
    }

    @Test func keepsSubheadingsSeparatedByBlankLines() {
        let text = zip(headlines, paragraphs).map { "\($0)\n\n\($1)\n" }.joined(separator: "\n")
        #expect(clean(text, rules: .empty) == text)
    }

    @Test func keepsAListIntroducedByAColon() {
        let text = "The plan has six parts:\n" + headlines.joined(separator: "\n") + "\n"
        #expect(clean(text, rules: .empty) == text)
    }

    @Test func keepsAListWithListMarkers() {
        let text = "\(prose)\n" + headlines.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n") + "\n"
        #expect(clean(text, rules: .empty) == text)
    }

    @Test func canBeSwitchedOff() {
        var o = CleanOptions()
        o.turnOff(HeadlineListDetector.self)
        let text = headlines.joined(separator: "\n") + "\n"
        #expect(clean(text, rules: .empty, options: o) == text)
    }
}

@Suite struct RemovalBudgetTests {
    @Test func undoesUncertainRemovalsThatWouldGutAPage() {
        // Six prose lines that are near copies of each other: the near-repeat
        // detector would drop five of them, most of the page's prose.
        let base = "The council met on Tuesday to discuss the new budget for the schools and roads of the town"
        let text = (0..<6).map { "\(base) number \($0)." }.joined(separator: "\n") + "\n"
        let result = Cleaner(ruleSet: .empty).clean(Array(text.utf8))
        #expect(result.overBudget)
        #expect(result.removedCount == 0)
        #expect(result.warnings.contains { $0.contains("were undone") })
        var tight = CleanOptions()
        tight.removalBudget = 1.0
        #expect(Cleaner(ruleSet: .empty, options: tight).clean(Array(text.utf8)).removedCount == 5)
    }

    @Test func exactRepeatsAreCertainAndStayRemoved() {
        let para = "The council met on Tuesday to discuss the new budget for the schools and roads of the town."
        let result = Cleaner(ruleSet: .empty).clean(Array("\(para)\n\(para)\n".utf8))
        #expect(!result.overBudget)
        #expect(result.removedCount == 1)
    }
}
