# Original English article text for the multi-page site evaluation (eval/sites/).
# All outlets, people, figures and events are invented.
# Same block format as texts_fa.py.

NORTHGATE = [
"""
section: News
author: Fiona Aldridge
===
Northgate library to stay open until 9pm on weekdays
The central library on Castle Street will open for three extra hours every weekday evening from next month, after a campaign by students and shift workers.
The change was approved unanimously by the borough's culture committee on Wednesday and will cost about 48,000 pounds a year, paid for from the reserves of the closed Westmoor branch.
More than 2,300 people signed a petition asking for later hours, many of them saying they could not reach the library before it shut at six.
"I finish work at half five and by the time I get across town the doors are locked," said Dev Malhotra, a care worker who started the petition.
Two extra staff will be hired, and the study rooms on the first floor will be bookable online until closing time.
The council said it would review visitor numbers after six months before deciding whether to extend the trial to Saturdays.
""",
"""
section: Sport
author: Tom Whitfield
===
Northgate Athletic promoted after dramatic late winner
A header in the fourth minute of added time gave Northgate Athletic a 2-1 win at Kelby Town and promotion to the Northern Premier League for the first time in the club's history.
Athletic needed a win to finish above Hawes United on goal difference, and looked to be heading for the play-offs when Kelby equalised with ten minutes left.
Substitute Jordan Pike rose highest from a corner to win it, sparking a pitch invasion by the 600 travelling fans.
"I've never headed a ball that well in my life," Pike said afterwards. "I just shut my eyes and hoped."
Manager Sue Barraclough, who took over two seasons ago with the club bottom of the table, said the promotion belonged to the volunteers who run the ground.
Athletic will need to install new floodlights and a covered stand over the summer to meet the higher league's ground rules.
""",
"""
section: Business
author: Fiona Aldridge
===
Former mill becomes home to 40 small businesses
The old Hartley woollen mill on the canal, empty for almost twenty years, has reopened as workshops and offices for small firms and makers.
A community interest company bought the Grade II listed building for one pound from the council in 2021 on condition that it raised the money to restore it.
Restoration cost 3.1 million pounds, most of it from heritage grants, with 220,000 pounds raised through a community share offer that sold out in a week.
Who has moved in
• A bicycle repair co-operative and a joinery workshop on the ground floor
• Two architects, a translation agency and a podcast studio upstairs
• A bakery and café in the old boiler house
Rents start at 95 pounds a month for a desk, and the company says more than half the units are already let.
"People said nobody would want to work in a cold old mill," said director Ruth Okafor. "We have a waiting list."
""",
"""
section: Environment
author: Priya Castell
===
Volunteers count record number of otters on the River Wend
Otters have been spotted at 31 sites along the River Wend this year, the highest number since volunteers began recording them in 2008.
The annual survey, run by the Wend Valley Wildlife Trust, relies on more than 150 volunteers who search the banks for footprints, droppings and feeding signs.
Otters disappeared from most of the river in the 1970s, when pesticides washed off farmland poisoned the fish they ate.
The trust says cleaner water and the removal of two old weirs, which let fish move upstream again, explain much of the recovery.
"Twenty years ago finding a single print was a big day," said survey coordinator Mark Ellison. "Now we find them under the town bridge."
Walkers are asked not to let dogs into the water near the marked holts during the breeding season, which runs until the end of September.
""",
"""
section: News
author: Priya Castell
===
Residents object to plans for 300 homes on Brook Farm
More than 400 objections have been lodged against plans to build 300 homes on farmland between Northgate and the village of Ashwell.
Developer Linden Vale says the scheme would include 90 affordable homes, a new primary school site and a bus link to the town centre.
Objectors say the fields flood most winters and that the junction with the main road is already dangerous at rush hour.
Ashwell parish council chair Helen Marsh said the village was not against new homes but wanted them built on brownfield land first.
The developer said its drainage plan would store rainwater in ponds on the site and release it slowly, reducing the risk of flooding downstream.
The borough's planning committee is expected to decide on the application in November.
""",
"""
section: Community
author: Tom Whitfield
===
Repair café fixes its 1,000th broken item
A monthly repair café in the St Anne's church hall has fixed its thousandth broken item: a 1960s radio brought in by a retired bus driver.
Volunteers, most of them retired engineers and tailors, mend toasters, lamps, bicycles, clothes and toys for free, asking only for a donation to the hall.
The café started four years ago with three volunteers and a borrowed soldering iron, and now has a waiting list on busy Saturdays.
"Most things are thrown away because of one small fault," said organiser Glyn Powell. "A two-pence fuse, a loose wire, a torn seam."
The volunteers keep a record of every repair, and say about seven in ten items leave the hall working again.
The next repair café is on the first Saturday of next month, from 10am to 1pm.
""",
]

FIELDNOTES = [
"""
section: Birds
author: Anna Lindqvist
===
Why swifts never seem to land
Common swifts can stay in the air for ten months at a stretch, feeding, drinking and even sleeping on the wing.
Researchers fitted tiny data loggers to swifts breeding in southern Sweden and found that some birds did not land once between leaving their nests in August and returning the following May.
The birds climb to around two kilometres at dusk and dawn, and scientists believe they take short naps while gliding down in slow circles.
Their bodies are built for it: long, narrow wings, tiny feet and a mouth that opens wide to catch insects and spiders drifting on the wind.
Swifts only come down to breed, usually in gaps under roof tiles and in old walls, which is why building renovations are one of the biggest threats to them.
Swift bricks, hollow blocks built into new walls, are now required on some housing developments to give the birds somewhere to nest.
""",
"""
section: Weather
author: Sam Okonkwo
===
How to read a cloud before a walk in the hills
You do not need an app to tell whether the afternoon will turn wet: the shape and movement of clouds give a good warning a few hours ahead.
Small, flat-bottomed cumulus clouds that stay separate are a sign of settled weather, even on a hot day.
If those clouds start to grow tall by late morning, with tops that look like cauliflowers, showers or thunderstorms are likely later.
High, thin streaks of cirrus moving in from the west often arrive a day before a band of rain.
Signs to turn back
• Cloud building quickly over the tops you are heading for
• A sudden drop in temperature and a change in wind direction
• Distant thunder, even if the sky overhead is still blue
A cloud sitting on a summit while the rest of the sky is clear usually means strong winds at that height, and a cold, wet top.
""",
"""
section: Plants
author: Anna Lindqvist
===
The oldest hedges in the county are older than its churches
A survey of hedgerows in the Marlow Vale has found stretches that are likely to be more than 900 years old, older than most of the parish churches around them.
Surveyors used a simple rule of thumb: count the woody species in a 30-metre stretch, and each species suggests roughly a century of age.
Some hedges along old parish boundaries held eleven species, among them hazel, field maple, spindle and wild service tree.
Old hedges matter for wildlife because they link woods together, giving dormice, bats and beetles safe routes across farmland.
The survey team is asking landowners to cut hedges every two or three years rather than every year, and to leave some trees to grow tall.
""",
"""
section: Insects
author: Sam Okonkwo
===
A beginner's guide to moth trapping
A moth trap is a bright lamp over a box of egg trays, and on a warm summer night it can attract a hundred species to a small garden.
The moths settle in the trays and can be looked at and photographed the next morning before being released in long grass.
Many people are surprised by how colourful moths are. Elephant hawk-moths are bright pink, and burnished brass moths shine like metal.
Getting started
A simple trap can be made from a plastic box, a funnel and an outdoor light, though bulbs that give off ultraviolet light catch far more.
Record what you find and send it to your county moth recorder: the records help track how species are moving north as the climate warms.
Traps should not be run on the same spot every night, so that birds do not learn to wait for the moths in the morning.
""",
"""
section: Coast
author: Anna Lindqvist
===
Where the seals come ashore in winter
Grey seals give birth on a handful of quiet beaches along the north coast between November and January, and the colony at Skerry Point has grown to over 800 pups a year.
The pups are born with white fur and stay on the beach for about three weeks, feeding on milk so rich that they triple their weight.
Once weaned, they are left alone and must learn to swim and catch fish by themselves before heading out to sea.
Wardens ask visitors to watch from the clifftop path and stay at least 50 metres from any seal on the beach.
A mother disturbed by people or dogs may leave her pup, and it will not survive without her.
The viewing platform at Skerry Point is open every day during the season, with volunteers on hand at weekends to answer questions.
""",
"""
section: Birds
author: Sam Okonkwo
===
Feeding garden birds in a hard frost
A few days of hard frost can be deadly for small birds such as wrens and long-tailed tits, which burn through their fat reserves overnight.
Fat balls, sunflower hearts and grated cheese give them the most energy for their size, and should be put out early in the morning.
Water matters as much as food when ponds and puddles freeze. A shallow dish refilled with warm, not hot, water each morning will be used for drinking and bathing.
Keep feeders clean and move them every few weeks, because disease spreads quickly where many birds gather.
Do not put out salted food, dry bread or cooked porridge oats, which can harm birds or stick to their feathers.
Ground-feeding birds such as blackbirds and thrushes will take soft apples scattered on the lawn.
""",
]
