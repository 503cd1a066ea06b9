# Original English article text for the winnow evaluation corpus.
# All names, outlets, places' events, figures and quotes are invented.
# Same block format as articles_fa.py.

RIVERPOST = [
"""
crumb: Home > Business > Local economy
author: By Hannah Whitlock, Business Reporter
tags: Local economy|Retail|Jobs
caption: Staff prepare trays of bread at the Ashby Lane bakery. Photo: Tom Reed / The River Post
===
Family bakery chain to open three new shops and hire 60 staff
Millbrook Bakers, which began as a single stall at the Saturday market in 1987, says strong demand for its sourdough and a new central kitchen make the expansion possible.
The company will open shops in Eastfield, Carrow Bridge and the old post office building on Ferry Street before the end of the summer, managing director Claire Benton said on Tuesday.
Each shop will employ around 15 people, and the new kitchen on the Harling industrial estate will add another 15 jobs on its night shift.
"We have been turning customers away at ten in the morning because the shelves were empty," Ms Benton said. "The new kitchen finally lets us bake enough."
The firm, which is still owned by the Benton family, reported sales of 8.4 million pounds last year, up 11 per cent.
Rising costs
The expansion comes despite higher energy and flour prices. Ms Benton said the bakery had held its prices since January but could not promise to do so for the rest of the year.
Share prices fell across the retail sector on Tuesday, but Millbrook is not listed and said the wider market had no effect on its plans.
Applications for the new roles open next week.
""",
"""
crumb: Home > News > Weather
author: By Omar Siddiqui
tags: Weather|Flooding|River Alde
caption: Sandbags stacked outside homes on Quay Road. Photo: Lucy Marsh / The River Post
===
Flood warning issued as River Alde expected to burst its banks
Residents in low-lying parts of the town have been told to move valuables upstairs after forecasters predicted up to 60mm of rain in 24 hours.
The Environment Office issued a flood warning for Quay Road, Mill Lane and the riverside caravan park at 6am on Thursday, the first such warning in the town since 2019.
River levels at the Stone Bridge gauge rose by almost a metre overnight and are expected to peak on Friday morning.
What residents should do
• Move cars away from the riverside car parks
• Keep a torch, medicines and important documents in a bag
• Do not walk or drive through flood water
The council has opened a rest centre at the Parkside leisure centre and is handing out sandbags from the depot on Harling Road until 8pm.
"We would rather people prepare now and not need it," said the council's emergency planning manager, Rachel Ode.
Trains between the town and Carrow Bridge are likely to be replaced by buses from Thursday evening
""",
"""
crumb: Home > Sport > Rowing
author: By Ben Carver, Sports Reporter
tags: Rowing|Regatta|Alde Rowing Club
caption: The Alde women's eight cross the line at the Town Regatta. Photo: Sam Hollis / The River Post
===
Alde women's eight win Town Regatta for the first time in 30 years
A crew with an average age of 22 beat the defending champions by a length and a half in Sunday's final on a sunlit river.
The Alde Rowing Club eight led from the start and were never caught, finishing the 1,200-metre course in three minutes and 41 seconds.
It is the club's first win in the women's eights since 1994, when two of the current crew's mothers rowed in the boat.
Stroke Ellie Fraser said the crew had trained on the river at 5.30am four days a week through the winter.
"When we saw the finish line and they hadn't closed the gap, we just screamed," she said.
Record entry
More than 900 rowers from 46 clubs took part over two days, a record for the event, which has been held on the town reach every July since 1921.
Organisers said next year's regatta may need a third day to cope with demand.
""",
"""
crumb: Home > Science > Environment
author: By Dr Priya Nair, Science Correspondent
tags: Science|Bees|University of Harling
caption: A marked bumblebee feeding on clover in the trial meadow. Photo: University of Harling
===
Roadside meadows double bumblebee numbers, university study finds
Strips of wildflowers planted along three local roads attracted twice as many bumblebees as mown verges, according to a four-year study by researchers at the University of Harling.
The team counted bees along 48 stretches of verge, half of which were sown with native flowers and cut only once a year.
By the third summer, the sown verges held an average of 31 bumblebees per 100 metres, compared with 14 on the regularly mown ones.
The researchers also found five species on the new meadows that had not been recorded in the area for over a decade.
"It's a cheap fix," said lead author Dr Martin Hale. "Councils spend money mowing these verges every few weeks. Mowing less often saves money and gives the bees somewhere to feed."
A source at the county highways department said the findings would be considered when the mowing contract is renewed next spring.
The study is published in the journal Applied Field Ecology.
""",
"""
crumb: Home > Culture > Books
author: By Grace Adeyemi, Arts Reporter
tags: Libraries|Culture|Ferry Street
caption: Readers return to the central library on its first day after the refit. Photo: Tom Reed / The River Post
===
Central library reopens after two-year refit with rooftop reading garden
The town's 1930s central library has reopened after a 4.2 million pound refurbishment that added a children's wing, a recording studio and a garden on the roof.
Hundreds of people queued along Ferry Street before the doors opened at 9am on Saturday, some of them holding books they had borrowed before the library closed in 2022.
The building's original oak shelving and stained-glass windows have been restored, while the old basement stacks have become a maker space with 3D printers and sewing machines.
Head librarian Joan Pritchard said the aim was to make the library "a place you can spend a whole day without spending any money".
Opening hours
The library will now open seven days a week, with late opening until 8pm on Tuesdays and Thursdays.
Membership remains free.
""",
]

HARBOURWIRE = [
"""
orig: The Northgate Gazette
dateline: PORT AVERY
===
Port Avery dock strike ends after crane operators accept pay deal
Crane operators at Port Avery voted on Wednesday to accept a two-year pay offer, ending a nine-day strike that left more than 40 container ships waiting at anchor.
PORT AVERY, May 14 (Harbour Wire) - Members of the Dock and Harbour Workers' Union backed the deal by 412 votes to 88, union officials said, and the first shifts returned to work at 6pm.
The agreement gives crane operators a 7 per cent rise this year and a further 4.5 per cent next year, along with limits on consecutive night shifts.
The port authority said it expected to clear the backlog of ships within ten days, starting with vessels carrying perishable goods.
"Nobody wins a long strike," said union branch secretary Lorna Kemp. "But our members made their point, and the safety rules we won will outlast the pay rise."
Exporters had warned that the stoppage was costing them millions a day in delayed shipments and storage fees.
Fruit growers were among the hardest hit. One apple exporter said two containers of fruit had spoiled on the quay and would have to be dumped.
The port authority and the union have agreed to meet again in six months to review the new shift rules.
""",
"""
orig: Capital Business Daily
dateline: WELLBY
===
Central bank holds rates at 4.25 per cent, signals cut later this year
The Bank of Westmark kept its main interest rate unchanged for a fourth straight meeting on Thursday but said falling inflation could allow it to ease policy before the end of the year.
WELLBY, June 6 (Harbour Wire) - The bank's monetary policy committee voted seven to two to hold the rate, with the two dissenting members preferring an immediate cut of a quarter point.
Annual inflation slowed to 3.1 per cent in April from a peak of 7.8 per cent two years ago, helped by lower fuel and food prices.
Governor Isabel Marr told reporters the committee wanted "a few more months of evidence" that wage growth was cooling.
Markets had priced in a small chance of a cut at this meeting. The share price of the country's largest lender rose 2 per cent after the decision.
What the bank said
In its statement, the committee said housing costs and insurance premiums were still rising faster than it would like, and that it would "not hesitate to hold rates for longer" if price pressures returned.
Most economists polled before the meeting expect the first cut in September.
""",
"""
orig: Coastal Science Notes
dateline: GREYHAVEN
===
Rare blue whale sighted off Greyhaven for first time in decades
A blue whale has been photographed feeding about 12 kilometres off the Greyhaven coast, the first confirmed sighting in the area in more than 30 years.
GREYHAVEN, Aug 22 (Harbour Wire) - The whale, estimated at 24 metres long, was spotted on Tuesday morning by crew on a research vessel counting seabirds.
Marine biologist Tomas Veldt, who was on board, said the animal surfaced four times in 40 minutes close to a large swarm of krill.
"We knew immediately from the size of the blow," he said. "Everyone on deck went completely silent."
Researchers have sent the photographs to an international catalogue that identifies individual blue whales from the pattern on their backs.
Blue whales, the largest animals known to have lived, were hunted close to extinction in the last century. Scientists believe a few thousand now live in the southern oceans.
The coastguard has asked boat owners to stay at least 300 metres away if they see the whale.
""",
"""
orig: The Northgate Gazette
dateline: NORTHGATE
===
Northgate seal last-wicket stand to win cricket championship
Northgate won the national cricket championship on the final afternoon after their last two batters put on 38 runs to chase down a target of 254 against Eastmere.
NORTHGATE, Sept 9 (Harbour Wire) - Northgate were 216 for nine when spinner Dev Anand joined captain Kyle Mercer, with more than an hour of play left and the title at stake.
Mercer, who finished unbeaten on 97, hit the winning boundary through cover with 11 balls of the day remaining.
Anand faced 42 balls for his 6 runs.
"I told Dev to just keep the ball out," Mercer said. "He did that and a lot more. He's the hero, not me."
Eastmere had looked favourites when fast bowler Jack Tully took three wickets in four overs after lunch.
It is Northgate's first championship title since 2011.
""",
"""
orig: Tech Harbour Review
dateline: SOUTH QUAY
===
New undersea cable to double internet capacity to outer islands
Work has begun on a 620-kilometre fibre-optic cable that will link the outer islands to the mainland and double their internet capacity, the telecommunications ministry said on Monday.
SOUTH QUAY, Oct 2 (Harbour Wire) - A cable-laying ship left South Quay on Sunday and is expected to complete the first section, to Marrow Island, within three weeks.
The islands currently rely on a single cable laid in 2008 and a satellite link, which have both suffered outages during winter storms.
Key facts about the project:
• Length: 620 km, with landing stations on four islands
• Cost: 95 million dollars, shared by the government and two operators
• Completion: expected by March next year
Island councillor Ruth Amadi said businesses had lost orders during last winter's outage. "For us this is not about faster video. It is about being able to work," she said.
The ministry said the old cable would remain in service as a backup.
""",
]
