import Testing
@testable import WinnowCore

/// The page's headline stays whatever detector would take it: a menu run that ends
/// on it, a headline list, the line model.
extension CleanOptions {
    /// The rules and heuristic detectors alone.
    static var noModel: CleanOptions {
        var options = CleanOptions()
        options.classifier = nil
        return options
    }
}

@Suite struct HeadlineGuardTests {
    let menu = ["Home", "News", "Politics", "Business", "Sport", "Culture", "Opinion"]
    let standfirst = "The new line will link the old port with the university campus in eight minutes and carry up to 3,000 passengers an hour."
    let body = [
        "The city council said on Thursday that the cable car connecting the port district with the university campus will start full service in July.",
        "The project cost about 400 million and was paid for jointly by the transport ministry and the municipality, officials said.",
        "According to the council, the ride will take eight minutes, compared with half an hour by bus at rush hour.",
    ]

    func page(headline: String, standfirst: String) -> String {
        (menu + [headline, standfirst] + body).joined(separator: "\n") + "\n"
    }

    /// The headline shares no word with the standfirst (the lead): found by the
    /// paragraph after it, which speaks of the cable car.
    @Test func aHeadlineSharingWordsWithTheOpeningOnlyStays() {
        let headline = "Harbour cable car opens this summer"
        for options in [CleanOptions(), CleanOptions.noModel] {
            let out = clean(page(headline: headline, standfirst: standfirst), options: options)
            #expect(out.contains(headline + "\n"))
            #expect(!out.contains("Politics"))
        }
    }

    /// A promotion under the menu ("Most read: …", a newsletter's call) sharing no
    /// word with the opening is no headline, however it stands out from the menu's
    /// short items: it is not kept from the detectors.
    @Test func aPromotionUnderTheMenuIsNoHeadline() {
        for promo in ["Most read: Ten things you missed this week in the news", "Get the best of our journalism delivered to your inbox every single morning"] {
            let text = Array(page(headline: promo, standfirst: standfirst).utf8)
            text.withUnsafeBufferPointer { bytes in
                let page = Page(bytes)
                let fates = [Fate](repeating: .kept, count: page.count)
                let found = HeadlineGuard.find(page, PassState(page), fates, TopicModel(page, fates: fates))
                #expect(found.line == nil, "\(promo)")
            }
        }
    }

    /// The line right above the lead is no headline when it is no longer than the
    /// menu items above it and shares nothing with the opening.
    @Test func aMenuItemAboveTheLeadIsNoHeadline() {
        let menu = ["Local news and sport", "Money and markets", "Arts and culture"]
        let text = Array(((menu + ["Weather and traffic today", standfirst] + body).joined(separator: "\n") + "\n").utf8)
        text.withUnsafeBufferPointer { bytes in
            let page = Page(bytes)
            let fates = [Fate](repeating: .kept, count: page.count)
            let found = HeadlineGuard.find(page, PassState(page), fates, TopicModel(page, fates: fates))
            #expect(found.line == nil)
        }
    }

    /// Chinese: no spaces, so the headline and the lead share character pairs, not
    /// words; the lines between them (date and source, print, close) are kept by the rules.
    @Test func aChineseHeadlineSharingCharacterPairsWithTheLeadIsFound() {
        let lines = [
            "网站首页", "新闻中心", "地方新闻", "科技",
            "深圳一初创企业发布可折叠电动自行车 重量仅九公斤",
            "2025年03月22日 10:12  来源：南方科技报",
            "打印本页",
            "深圳一家成立仅三年的初创企业昨天发布了一款可折叠电动自行车，整车重量只有九公斤，折叠后可以放进汽车后备箱，售价约为三千元人民币，预计下月上市销售。",
            "这款车采用碳纤维车架，续航里程约为四十公里，充满电需要两个半小时，公司表示首批产品将在深圳和广州的门店销售，之后再推向全国其他城市。",
        ]
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        text.withUnsafeBufferPointer { bytes in
            let page = Page(bytes)
            let fates = [Fate](repeating: .kept, count: page.count)
            var state = PassState(page)
            state.firstProse = 7
            let found = HeadlineGuard.find(page, state, fates, TopicModel(page, fates: fates))
            #expect(found.line == 4)
            // Not by the lead's words: the line model reads no headline here, as it was trained.
            #expect(found.byLead == nil)
        }
    }

    @Test func characterPairsAreHanAndKanaNeighboursOnly() {
        func pairs(_ s: String) -> CJKPairs { Array(s.utf8).withUnsafeBufferPointer { CJKPairs($0) } }
        #expect(pairs("Cable car 12 km").isEmpty)
        #expect(pairs("深 圳").isEmpty)
        #expect(pairs("深圳市").shared(with: pairs("在深圳")) == 1)
        #expect(pairs("小学校で給食").shared(with: pairs("公立小学校で地元産の魚を使った給食")) == 4)
    }
}
