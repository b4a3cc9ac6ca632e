"""Articles written for these tests: four originals, a retelling of one, and an independent piece
on the same subject as that one (written without looking at it)."""

from __future__ import annotations

BRIDGE = """\
The Harlow Creek footbridge reopened on Tuesday after eleven months of repairs, the county
engineer Miriam Okafor said. Floods in March 2023 had washed away two of its timber piers and
left the span hanging over the water.

The repairs cost 1.4 million dollars, most of it paid by a state resilience grant. Crews drove
steel piles nine metres into the riverbed and replaced the deck with recycled oak planks.

Okafor said the new piers were designed for a flood twice as high as the one that destroyed the
old ones. Cyclists had used a detour of almost six kilometres while the bridge was closed.

About 2,300 people cross the bridge on a typical weekday, according to a count taken in 2022.
The county plans to add lighting along the approach paths next spring.
"""

BRIDGE_RETOLD = """\
After nearly a year of repair work, the footbridge over Harlow Creek is open again, according to
Miriam Okafor, who serves as the county's engineer. Two timber piers were carried off by the
March 2023 floods, leaving the span dangling above the stream.

A state grant for resilience covered most of the 1.4 million dollar bill. Workers sank steel
piles nine metres down into the bed of the river and laid a new deck of recycled oak.

The replacement piers, Okafor explained, can withstand a flood double the height of the one that
wrecked their predecessors. While the crossing was shut, cyclists faced a detour close to six
kilometres long.

A 2022 survey found that roughly 2,300 people use the crossing on an ordinary weekday. Lighting
for the paths leading to the bridge is planned for next spring.
"""

BRIDGE_INDEPENDENT = """\
Footbridges over small creeks are often the first structures lost in a flood. Timber piers rot
where they meet the water, and debris piles up against them until they give way.

Engineers increasingly prefer steel or concrete foundations for such crossings, even on rural
paths. A steel pile costs more to install, but it can last for decades with little maintenance,
and it sheds debris better than a wide timber pier.

Decks are another matter. Many councils now choose hardwood or composite planks, which resist
weather and give cyclists a better grip. Lighting, drainage and gentle ramps for wheelchairs are
usually added when a bridge is rebuilt, since the path is closed anyway.
"""

ORCHARD = """\
Cider makers in the Vellin valley expect their smallest harvest since 1998 after a late frost
in April killed most of the apple blossom. The growers' cooperative, led by Tomas Brandt, said
yields could fall by 60 percent.

Brandt said that the cooperative's 140 members would share what fruit there is, so that no
press stands idle. Some farms will buy apples from orchards on the higher slopes, which flowered
later and escaped the frost.

The valley produces about four million litres of cider in a normal year. Prices for the autumn
pressing have not been set, but buyers in Lyon have already asked for smaller orders.
"""

OBSERVATORY = """\
Astronomers at the Kestrel Ridge observatory have measured the rotation of a distant asteroid,
2019 QX7, using a telescope built from donated mirrors. The asteroid spins once every 7.3 hours,
the team reported in a short note to the Minor Planet Center.

The project began when a retired optician, Harold Vance, offered sixty mirror blanks from his
workshop. Students ground three of them into a 0.8 metre mirror over two winters.

Observatory director Lena Sato said the result showed that small instruments still contribute to
research. The team will next watch for the asteroid's close pass in 2031.
"""

MARKET = """\
The covered market on Quay Street will close for six weeks from 1 February while its glass roof
is replaced, the city council announced. Traders will move to temporary stalls in Albion Square.

Councillor Priya Nandakumar said the roof, installed in 1911, had begun to leak in several
places. The work is expected to cost 850,000 pounds and will restore the original iron frame.

Of the 48 traders, 41 have agreed to move for the duration. The others, mostly butchers and
fishmongers who need cold rooms, will take a paid break or sell online.
"""

ORIGINALS = {
    "bridge.txt": BRIDGE,
    "orchard.txt": ORCHARD,
    "observatory.txt": OBSERVATORY,
    "market.md": MARKET,
}
