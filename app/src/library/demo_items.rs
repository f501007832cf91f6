//! Demo content for the knowledge library (kennisbank): 45 fictional but plausible items in
//! Dutch, spread over every kind and theme. Areas and stuurwiel segments refer to the demo data
//! in `demo.rs` by slug and by name. People and organisations are made up; links point only to
//! example.org and example.nl.
//!
//! Std only, so the file also compiles and tests on its own:
//! `rustc --edition 2021 --test demo_items.rs`.
//!
//! Some words appear on purpose in a title in one item and only in the body of another
//! ("leegstand", "ondermijning", "openbare ruimte", "BIZ", "ondernemersfonds"), so that tests can
//! check the ranking of search results.

/// One demo item of the knowledge library (fictional but plausible, in Dutch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoItem {
    /// Lowercase a-z, 0-9 and dashes; unique.
    pub slug: &'static str,
    /// One of: article, instrument, practice, research, session_report, recording, regulation.
    pub kind: &'static str,
    pub title: &'static str,
    /// 1–300 characters.
    pub summary: &'static str,
    /// Markdown, 2–6 paragraphs.
    pub body: &'static str,
    /// 1–3 theme keys.
    pub themes: &'static [&'static str],
    /// 0–2 stuurwiel segment names, exactly as in `demo.rs`.
    pub segments: &'static [&'static str],
    /// 0–2 area slugs, exactly as in `demo.rs`.
    pub areas: &'static [&'static str],
    /// The organisation the item comes from.
    pub source: &'static str,
    pub author: &'static str,
    /// YYYY-MM-DD.
    pub published_on: &'static str,
    pub url: Option<&'static str>,
    pub reviewed: bool,
    /// YYYY-MM-DD.
    pub last_checked: Option<&'static str>,
}

pub const DEMO_ITEMS: &[DemoItem] = &[
    // ---------------------------------------------------------------- articles
    DemoItem {
        slug: "gebiedsgerichte-aanpak-in-het-kort",
        kind: "article",
        title: "Zo werkt de gebiedsgerichte aanpak van Vitale Kerngebieden",
        summary: "Een introductie op het programma: hoe gemeente, ondernemers en vastgoedeigenaren per kerngebied samen opgaves bepalen, en wat het coördinatiepunt daarbij doet.",
        body: "De stad telt ruim zestig winkelstraten, wijkcentra en buurtcentra. Geen twee zijn hetzelfde: in het ene gebied bruist het van de energie bij ondernemers en eigenaren, in het andere ligt er een duidelijke opgave maar moet de samenwerking nog op gang komen. De gebiedsgerichte aanpak gaat uit van dat verschil. Elk kerngebied stelt met de eigen stakeholders vast waar het aan wil werken en legt dat vast in een uitvoeringsprogramma.\n\n\
               ## Wie doet wat\n\n\
               - **Ondernemers** brengen kennis van de klant en de straat, vaak verenigd in een ondernemersvereniging of BIZ.\n\
               - **Vastgoedeigenaren** bepalen wie er in de panden komt en tegen welke voorwaarden.\n\
               - **De gemeente** is verantwoordelijk voor de openbare ruimte, vergunningen en handhaving, en verbindt het gebied met stedelijke programma's.\n\
               - **Het coördinatiepunt**, met een publieke en een private coördinator, faciliteert, jaagt aan en monitort.\n\n\
               De coördinatoren helpen gebieden op weg met een eerste gesprek, een stakeholderanalyse en een nulmeting op het stuurwiel. Daarna blijven ze op afstand betrokken: ze volgen de voortgang van de opgaves, signaleren knelpunten en brengen gebieden met elkaar in contact.\n\n\
               Het doel is dat iedereen trots is op het eigen kerngebied en hetzelfde verhaal vertelt: een prettige plek om te werken, te wonen, te winkelen en te verblijven. Stedelijk leren, met maandelijkse themasessies, intervisie en werkplaatsen, zorgt ervoor dat goede ideeën niet in één gebied blijven hangen.",
        themes: &["organisation"],
        segments: &["Visie en ambitie", "Organisatie en samenwerking"],
        areas: &[],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Hanneke Brouwer",
        published_on: "2023-02-14",
        url: Some("https://example.nl/vitale-kerngebieden/aanpak"),
        reviewed: true,
        last_checked: Some("2026-09-01"),
    },
    DemoItem {
        slug: "rol-van-de-straatmanager",
        kind: "article",
        title: "De straatmanager als verbinder: rol, taken en valkuilen",
        summary: "Wat doet een straatmanager, hoe verhoudt die zich tot de bedrijfscontactfunctionaris en de wijkmanager, en waar gaat het in de praktijk vaak mis?",
        body: "Een straatmanager werkt voor de ondernemers en eigenaren in een gebied, meestal in dienst van of ingehuurd door de BIZ of de ondernemersvereniging. Het is iemand die de straat kent, de deuren langsgaat en zaken in beweging brengt: van de feestverlichting tot een gesprek met een eigenaar over een leeg pand.\n\n\
               ## Drie rollen naast elkaar\n\n\
               Aan de kant van de gemeente heeft een gebied vaak twee vaste aanspreekpunten. De bedrijfscontactfunctionaris (BCF) is het loket voor individuele ondernemers met vragen over vergunningen, regels of subsidies. De wijkmanager kijkt breder naar de wijk: bewoners, veiligheid, voorzieningen. De straatmanager zit daartussen en spreekt namens het collectief.\n\n\
               Werken die drie goed samen, dan gaat het snel. Vaak gebeurt dat niet vanzelf. Spreek daarom af wie welk signaal oppakt, deel een gezamenlijke contactenlijst en plan een vast overleg, bijvoorbeeld eens per zes weken.\n\n\
               ## Valkuilen\n\n\
               - De straatmanager wordt het klachtenloket van de hele straat.\n\
               - Afspraken hangen aan één persoon en verdwijnen bij diens vertrek.\n\
               - Het bestuur geeft geen heldere opdracht, waardoor de prioriteiten steeds wisselen.\n\n\
               De coördinator van het coördinatiepunt kan helpen de rolverdeling op papier te zetten en straatmanagers uit verschillende gebieden met elkaar in contact te brengen.",
        themes: &["organisation"],
        segments: &["Organisatie en samenwerking"],
        areas: &[],
        source: "Platform Binnenstadsmanagement (fictief)",
        author: "Thijs Hoekstra",
        published_on: "2022-06-08",
        url: None,
        reviewed: true,
        last_checked: Some("2025-11-03"),
    },
    DemoItem {
        slug: "vastgoedeigenaren-betrekken",
        kind: "article",
        title: "Vastgoedeigenaren betrekken: tien lessen uit de praktijk",
        summary: "Eigenaren zijn onmisbaar voor een vitaal kerngebied, maar vaak lastig te bereiken. Tien praktische lessen om ze aan tafel te krijgen en te houden.",
        body: "Wie de leegstand in een winkelstraat wil aanpakken, heeft de eigenaren nodig. Zij bepalen de huurprijs, de looptijd van contracten en uiteindelijk wie er in een pand komt. Toch kennen veel ondernemersverenigingen de eigenaren in hun straat niet eens bij naam. Uit gesprekken met straatmanagers en coördinatoren komen tien lessen naar voren.\n\n\
               1. Begin bij het kadaster: weet wie de eigenaar is, ook als die schuilgaat achter een bv of een fonds.\n\
               2. Maak onderscheid tussen particuliere eigenaren, beleggers en woningcorporaties; ze hebben verschillende belangen.\n\
               3. Zoek eerst het persoonlijke gesprek, pas daarna de bijeenkomst.\n\
               4. Kom met cijfers: passanten, leegstand en huurniveaus in vergelijkbare straten.\n\
               5. Laat een eigenaar die al meedoet de anderen uitnodigen.\n\
               6. Houd het eerste overleg kort en concreet, met één besluit als resultaat.\n\
               7. Wees eerlijk over wat de gemeente wel en niet kan.\n\
               8. Bespreek tijdelijke invulling als tussenoplossing, niet als einddoel.\n\
               9. Leg afspraken vast in een convenant of intentieverklaring.\n\
               10. Vier successen: een nieuwe huurder is nieuws voor de hele straat.\n\n\
               Eigenaren haken af als ze het gevoel hebben dat ze alleen worden aangesproken als er iets moet gebeuren. Laat daarom ook zien wat het gebied oplevert: een straat met weinig leegstand en een goede uitstraling houdt de waarde van het vastgoed op peil.",
        themes: &["vacancy", "organisation"],
        segments: &["Vastgoed en leegstand"],
        areas: &[],
        source: "Kenniscentrum Winkelgebieden (fictief)",
        author: "Femke Rietveld",
        published_on: "2021-10-19",
        url: Some("https://example.org/kenniscentrum/eigenaren-betrekken"),
        reviewed: true,
        last_checked: Some("2025-06-30"),
    },
    DemoItem {
        slug: "horeca-als-trekker",
        kind: "article",
        title: "Horeca als trekker: wat een goed café doet voor een winkelstraat",
        summary: "Horeca verlengt het bezoek en brengt leven na sluitingstijd. Maar te veel van hetzelfde verdringt de winkels. Over de juiste balans in de branchering.",
        body: "Het aandeel horeca in winkelgebieden groeit al jaren. Wie vroeger kwam om te winkelen, komt nu ook voor een lunch, een koffie of een borrel. Een goed café op de hoek kan een hele straat optillen: het trekt publiek op momenten dat de winkels dicht zijn en geeft de straat een gezicht.\n\n\
               Tegelijk schuilt er een risico in. Horeca kan vaak hogere huren betalen dan winkels, waardoor eigenaren bij een nieuwe verhuring eerder voor een restaurant kiezen. Zonder sturing verandert een aanloopstraat dan in een uitgaansstraat, met meer overlast voor bewoners en minder dagelijkse boodschappen.\n\n\
               ## Waar let je op?\n\n\
               - **Spreiding**: horeca aan de uiteinden van een straat trekt bezoekers door het hele gebied.\n\
               - **Variatie**: een bakkerij met zitplaatsen, een lunchroom en een wijnbar trekken elk een ander publiek.\n\
               - **Openingstijden**: een café dat om acht uur 's ochtends opengaat, doet iets anders voor de straat dan een bar die pas om vier uur 's middags begint.\n\
               - **Terrassen**: goed ingepast in de openbare ruimte versterken ze de verblijfskwaliteit.\n\n\
               Gemeenten kunnen via het omgevingsplan sturen op de plekken waar horeca is toegestaan. Ondernemers en eigenaren kunnen daarnaast samen een brancheringsvisie opstellen, zodat iedereen weet welk aanbod het gebied nog mist.",
        themes: &["sector_mix", "branding"],
        segments: &[],
        areas: &[],
        source: "Platform Binnenstadsmanagement (fictief)",
        author: "Orhan Demir",
        published_on: "2024-01-23",
        url: None,
        reviewed: false,
        last_checked: None,
    },
    DemoItem {
        slug: "hittebestendige-pleinen",
        kind: "article",
        title: "Hittebestendige pleinen: vergroening als investering in verblijfskwaliteit",
        summary: "Steen en asfalt maken winkelgebieden in de zomer onaangenaam heet. Meer groen, schaduw en water verhogen de verblijfskwaliteit en helpen bij hevige regen.",
        body: "Op een versteend plein kan het in de zomer vele graden warmer worden dan in een park. Bezoekers blijven dan korter, terrassen blijven leeg en ondernemers merken dat in hun omzet. Tegelijk kan het riool de steeds vaker voorkomende hoosbuien niet aan. Vergroening van de openbare ruimte snijdt dus aan twee kanten.\n\n\
               ## Maatregelen die werken\n\n\
               - Bomen met een brede kroon op plekken waar mensen stilstaan of zitten.\n\
               - Geveltuinen en plantenbakken die ondernemers zelf onderhouden.\n\
               - Minder verharding en meer wadi's of waterdoorlatende bestrating.\n\
               - Drinkwaterpunten en zitplekken in de schaduw.\n\n\
               Vergroening vraagt om afspraken over beheer. De gemeente zorgt meestal voor bomen en grote groenvakken; ondernemers kunnen plantenbakken adopteren of via de BIZ een onderhoudscontract afsluiten. Leg vooraf vast wie water geeft in droge periodes, want juist daar gaat het vaak mis.\n\n\
               Ervaringen in andere steden laten zien dat een groener plein langer bezoek oplevert en dat bewoners het gebied hoger waarderen. Neem vergroening daarom mee bij elke herinrichting, ook als het budget beperkt is: een paar goed gekozen bomen maken al verschil.",
        themes: &["sustainability", "public_space"],
        segments: &["Openbare ruimte en beleving"],
        areas: &[],
        source: "Gemeente, team Openbare Ruimte en Groen",
        author: "Laura Meijer",
        published_on: "2023-07-04",
        url: Some("https://example.nl/groen/hittebestendig"),
        reviewed: true,
        last_checked: Some("2026-05-12"),
    },
    DemoItem {
        slug: "toegankelijk-winkelgebied",
        kind: "article",
        title: "Toegankelijk voor iedereen: winkelgebieden zonder drempels",
        summary: "Hoe maak je een winkelgebied bruikbaar voor mensen met een rolstoel, rollator, kinderwagen of visuele beperking? Een checklist voor ondernemers en gemeente.",
        body: "Een flink deel van de bezoekers van een winkelgebied heeft moeite met lopen, zien of horen. Denk aan ouderen met een rollator, mensen in een rolstoel, ouders met een kinderwagen of iemand die slechtziend is. Voor hen bepalen kleine dingen of een bezoek lukt: een drempel bij de entree, een reclamebord midden op de stoep, een bankje dat ontbreekt.\n\n\
               ## Checklist\n\n\
               - Ingangen zonder drempel, of met een vaste of uitklapbare oprijplaat.\n\
               - Een vrije looproute op de stoep van minstens anderhalve meter, zonder uitstallingen.\n\
               - Rustpunten om de honderd tot tweehonderd meter.\n\
               - Gehandicaptenparkeerplaatsen dicht bij de ingangen.\n\
               - Openbare toiletten die ook voor rolstoelgebruikers bruikbaar zijn.\n\
               - Duidelijke bewegwijzering met voldoende contrast.\n\n\
               Een deel van de checklist ligt bij de gemeente, zoals stoepen, oversteekplaatsen en parkeerplaatsen. Een ander deel ligt bij ondernemers en eigenaren: de entree van de winkel, de ruimte tussen de schappen en de hulp bij de kassa.\n\n\
               Loop de route eens samen met een ervaringsdeskundige. Dat levert vaak verrassende inzichten op, en het geeft ondernemers een concreet lijstje om mee aan de slag te gaan.",
        themes: &["accessibility"],
        segments: &["Openbare ruimte en beleving"],
        areas: &[],
        source: "Gemeente, team Toegankelijkheid",
        author: "Ilse van der Heijden",
        published_on: "2024-10-02",
        url: None,
        reviewed: true,
        last_checked: Some("2026-02-17"),
    },
    // ---------------------------------------------------------------- instruments
    DemoItem {
        slug: "biz-in-vijf-stappen",
        kind: "instrument",
        title: "BIZ oprichten in vijf stappen",
        summary: "Een bedrijveninvesteringszone geeft ondernemers of eigenaren een vast budget voor hun gebied. Van idee tot draagvlakmeting: de route in vijf stappen.",
        body: "Met een bedrijveninvesteringszone (BIZ) betalen alle ondernemers of eigenaren in een afgebakend gebied mee aan gezamenlijke activiteiten. De gemeente heft de bijdrage en keert die als subsidie uit aan een vereniging of stichting van de ondernemers. Zo betaalt niet langer alleen de groep die toch al actief is, maar iedereen die ervan profiteert.\n\n\
               ## De route\n\n\
               1. **Initiatief.** Een groep ondernemers of eigenaren neemt het initiatief, vaak met hulp van een kwartiermaker.\n\
               2. **Plan en begroting.** Stel een activiteitenplan op met een begroting voor maximaal vijf jaar. Maak duidelijk wat de BIZ extra doet bovenop de taken van de gemeente.\n\
               3. **Verordening.** De gemeenteraad stelt een BIZ-verordening vast met het gebied, de grondslag (meestal de WOZ-waarde) en de tarieven.\n\
               4. **Draagvlakmeting.** Alle bijdrageplichtigen mogen stemmen. De gemeente organiseert de meting en stelt de uitslag vast.\n\
               5. **Uitvoering.** De gemeente en de BIZ-vereniging sluiten een uitvoeringsovereenkomst; de vereniging voert het plan uit en legt jaarlijks verantwoording af.\n\n\
               ## Reken op een jaar\n\n\
               Van het eerste idee tot de start duurt het meestal negen tot twaalf maanden. De meeste tijd zit in het gesprek met ondernemers die nog twijfelen. Begin daarom vroeg met bezoekjes langs de deuren en laat zien wat een BIZ elders heeft opgeleverd.\n\n\
               De regels voor de draagvlakmeting staan in de Wet op de bedrijveninvesteringszones; zie daarvoor het aparte item over de Wet BIZ in de kennisbank.",
        themes: &["organisation"],
        segments: &["Financiering", "Organisatie en samenwerking"],
        areas: &[],
        source: "Gemeente, team Economie",
        author: "Gert-Jan Postma",
        published_on: "2020-03-10",
        url: Some("https://example.nl/ondernemen/biz"),
        reviewed: true,
        last_checked: Some("2026-03-02"),
    },
    DemoItem {
        slug: "ondernemersfonds-opzetten",
        kind: "instrument",
        title: "Een ondernemersfonds opzetten: bestuur, bestedingen en verantwoording",
        summary: "Een ondernemersfonds bundelt geld uit een gemeentelijke heffing voor activiteiten van en voor ondernemers. Zo richt je het fonds in, van statuten tot jaarverslag.",
        body: "Een ondernemersfonds is een stichting die geld ontvangt uit een gemeentelijke heffing, meestal de reclamebelasting of een opslag op de onroerendezaakbelasting (ozb). Anders dan bij een BIZ is er geen draagvlakmeting per gebied nodig: de gemeenteraad besluit over de heffing. Het fonds verdeelt het geld over deelfondsen, bijvoorbeeld per winkelgebied of bedrijventerrein.\n\n\
               ## Inrichting\n\n\
               - **Stichting en statuten**: leg het doel vast, de samenstelling van het bestuur en de manier waarop deelfondsen aanvragen indienen.\n\
               - **Bestuur**: zorg voor een evenwichtige vertegenwoordiging van ondernemers uit verschillende sectoren en gebieden.\n\
               - **Subsidieafspraken**: de gemeente verleent het fonds jaarlijks subsidie; de subsidiebeschikking bepaalt de voorwaarden.\n\
               - **Bestedingsregels**: alleen collectieve activiteiten, geen steun aan individuele bedrijven.\n\n\
               ## Waar gaat het geld naartoe?\n\n\
               Veelvoorkomende bestedingen zijn sfeerverlichting, evenementen, gebiedsmarketing, beveiliging, schoonmaak bovenop de gemeentelijke inzet en de inhuur van een straatmanager. Belangrijk is dat ondernemers zelf bepalen waar het geld aan wordt uitgegeven.\n\n\
               Het fonds legt jaarlijks verantwoording af aan de gemeente en, minstens zo belangrijk, aan de ondernemers. Een kort jaarverslag met foto's en cijfers laat zien wat de bijdrage oplevert en houdt het draagvlak voor de heffing op peil.",
        themes: &["organisation"],
        segments: &["Financiering"],
        areas: &[],
        source: "Platform Binnenstadsmanagement (fictief)",
        author: "Wendy Kuipers",
        published_on: "2019-11-12",
        url: Some("https://example.org/platform/ondernemersfonds"),
        reviewed: true,
        last_checked: Some("2025-09-22"),
    },
    DemoItem {
        slug: "reclamebelasting",
        kind: "instrument",
        title: "Reclamebelasting als financieringsbron",
        summary: "De reclamebelasting is een gemeentelijke heffing op reclame die zichtbaar is vanaf de openbare weg. Hoe werkt de heffing, wie betaalt er, en hoe vloeit het geld terug?",
        body: "Gemeenten mogen op grond van de Gemeentewet een belasting heffen op openbare aankondigingen: reclame die zichtbaar is vanaf de openbare weg, zoals gevelreclame, lichtbakken en uithangborden. De heffing kan voor de hele gemeente gelden of alleen voor aangewezen gebieden. Het tarief hangt meestal af van de oppervlakte van de reclame-uiting.\n\n\
               In veel steden komt de opbrengst volledig ten goede aan de ondernemers. De gemeente draagt het geld als subsidie over aan een ondernemersfonds, dat het weer verdeelt over de gebieden. Zo werkt de reclamebelasting in feite als een collectieve bijdrage, zonder dat er per gebied gestemd hoeft te worden.\n\n\
               ## Aandachtspunten\n\n\
               - Kleine reclame-uitingen zijn vaak vrijgesteld, zodat de heffing vooral bij grotere bedrijven terechtkomt.\n\
               - Ondernemers zonder gevelreclame betalen niet mee, ook al profiteren ze wel.\n\
               - Een inventarisatie van alle uitingen kost tijd; begin daar ruim voor het eerste belastingjaar mee.\n\
               - Vertel duidelijk dat het geld terugvloeit naar het gebied. Anders voelt de heffing als een extra lastenverzwaring.\n\n\
               Overweeg de reclamebelasting vooral als er in een groot deel van de stad behoefte is aan een fonds en een BIZ per gebied te veel organisatiekracht vraagt.",
        themes: &["organisation"],
        segments: &["Financiering"],
        areas: &[],
        source: "Gemeente, team Belastingen",
        author: "Dennis Oosterhout",
        published_on: "2020-09-15",
        url: None,
        reviewed: true,
        last_checked: Some("2025-04-14"),
    },
    DemoItem {
        slug: "leegstandsverordening",
        kind: "instrument",
        title: "Leegstandsverordening: meldplicht en leegstandsoverleg",
        summary: "Met een leegstandsverordening verplicht de gemeente eigenaren om langdurige leegstand te melden. Daarna volgt een overleg over een nieuwe invulling van het pand.",
        body: "De Leegstandwet geeft de gemeenteraad de mogelijkheid om een leegstandsverordening (in de wet: leegstandverordening) vast te stellen. Eigenaren van gebouwen die langer dan zes maanden leegstaan, zijn dan verplicht dat te melden. Zo krijgt de gemeente zicht op langdurige leegstand en kan ze het gesprek met de eigenaar aangaan.\n\n\
               ## Hoe het werkt\n\n\
               1. De eigenaar meldt de leegstand binnen de termijn uit de verordening.\n\
               2. De gemeente nodigt de eigenaar uit voor een leegstandsoverleg over de oorzaken en mogelijke oplossingen, zoals een andere functie, tijdelijke verhuur of verbouwing.\n\
               3. Blijft het pand daarna leeg, dan kan de gemeente in het uiterste geval een gebruiker voordragen.\n\
               4. Wie de meldplicht niet nakomt, riskeert een bestuurlijke boete.\n\n\
               ## Ervaringen\n\n\
               In de praktijk is de meldplicht vooral een middel om met eigenaren in gesprek te komen. Het voordragen van een gebruiker gebeurt zelden. De verordening werkt het best als de gemeente ook iets te bieden heeft: hulp bij een functiewijziging, contacten met starters of een bijdrage uit een gevelfonds.\n\n\
               Kies bij het opstellen van de verordening bewust voor welke gebieden en welke soorten gebouwen de meldplicht geldt. Een verordening voor alleen de kerngebieden is beter uit te voeren dan een verordening voor de hele stad.",
        themes: &["vacancy"],
        segments: &["Vastgoed en leegstand"],
        areas: &[],
        source: "Gemeente, juridische zaken",
        author: "Carla Zwart",
        published_on: "2019-05-21",
        url: None,
        reviewed: true,
        last_checked: Some("2026-07-08"),
    },
    DemoItem {
        slug: "pop-up-en-tijdelijke-verhuur",
        kind: "instrument",
        title: "Pop-upwinkels en tijdelijke verhuur",
        summary: "Een pop-upwinkel brengt leven in een leeg pand en geeft starters de kans hun concept te testen. Wat regel je in het huurcontract en wat levert het op?",
        body: "Een pand dat maanden leegstaat, trekt de hele straat omlaag. Tijdelijke verhuur aan een pop-upwinkel is dan een snelle manier om de etalage weer te vullen. Voor de eigenaar betekent het minder risico op verloedering en soms een kleine huuropbrengst; voor de ondernemer is het een kans om een concept te testen zonder meteen een contract voor vijf jaar te tekenen.\n\n\
               ## Het huurcontract\n\n\
               Winkelruimte valt normaal onder de huurbescherming voor middenstandsbedrijfsruimte. Een huurovereenkomst voor maximaal twee jaar is daarvan uitgezonderd, net als een overeenkomst die naar haar aard van korte duur is. Leg in elk geval vast:\n\n\
               - de looptijd en de opzegtermijn;\n\
               - wie de nutsvoorzieningen, de verzekering en de schoonmaak betaalt;\n\
               - of de ondernemer mag verbouwen en in welke staat het pand wordt opgeleverd;\n\
               - of er een voorkeursrecht is als het pand daarna voor langere tijd wordt verhuurd.\n\n\
               ## Wat levert het op?\n\n\
               Een pop-up lost leegstand niet structureel op. Wel laat het zien dat er vraag is naar een pand, en een deel van de tijdelijke huurders blijft. Ondernemersverenigingen kunnen helpen door een lijst bij te houden van starters die ruimte zoeken, en door pop-ups mee te nemen in de gebiedsmarketing.\n\n\
               Let op: ook een tijdelijke invulling moet passen in het omgevingsplan. Een pop-upcafé in een winkelpand vraagt soms om een vergunning.",
        themes: &["vacancy", "branding"],
        segments: &["Vastgoed en leegstand"],
        areas: &[],
        source: "Kenniscentrum Winkelgebieden (fictief)",
        author: "Niels Brink",
        published_on: "2021-04-27",
        url: Some("https://example.org/kenniscentrum/pop-up"),
        reviewed: true,
        last_checked: Some("2026-01-19"),
    },
    DemoItem {
        slug: "gevelfonds",
        kind: "instrument",
        title: "Gevelfonds: bijdrage voor een verzorgde winkelpui",
        summary: "Met een gevelfonds draagt de gemeente bij aan het herstel van winkelpuien en bovengevels. Een verzorgde gevel versterkt de uitstraling van de hele straat.",
        body: "De uitstraling van een winkelstraat wordt voor een groot deel bepaald door de gevels. Dichtgeplakte etalages, gesloten rolluiken en een rommelige mix van reclame maken een straat onaantrekkelijk, ook als de winkels zelf goed draaien. Een gevelfonds helpt eigenaren en ondernemers om de pui te verbeteren.\n\n\
               ## Zo werkt het\n\n\
               - De gemeente stelt een budget beschikbaar, vaak aangevuld met geld uit een BIZ of fonds van de ondernemers.\n\
               - Eigenaren kunnen een bijdrage aanvragen voor bijvoorbeeld het herstel van een historische pui, nieuwe kozijnen, open rolhekken in plaats van dichte rolluiken of het verwijderen van overbodige reclame.\n\
               - De bijdrage dekt een deel van de kosten, vaak de helft, tot een maximumbedrag.\n\
               - Een adviseur voor welstand of erfgoed denkt mee over het ontwerp.\n\n\
               ## Combineer met afspraken\n\n\
               Een gevelfonds werkt het best als onderdeel van een bredere aanpak. Koppel de bijdrage aan afspraken over reclame en verlichting, zodat de straat als geheel verbetert. Maak het aanvragen eenvoudig: één formulier, een gesprek ter plekke en een snelle beslissing.\n\n\
               In de Dorpsstraat Oudewijk gaat een groot deel van het budget naar het herstel van monumentale puien. Open rolhekken en verlichte etalages dragen daar bovendien bij aan een gevoel van veiligheid na sluitingstijd.",
        themes: &["public_space", "branding"],
        segments: &["Openbare ruimte en beleving"],
        areas: &["dorpsstraat-oudewijk"],
        source: "Gemeente, team Economie",
        author: "Jeroen Lammers",
        published_on: "2022-02-08",
        url: None,
        reviewed: false,
        last_checked: None,
    },
    DemoItem {
        slug: "transformatie-winkels-naar-wonen",
        kind: "instrument",
        title: "Transformatie van winkelpanden naar wonen",
        summary: "In aanloopstraten met structurele leegstand kan wonen een betere functie zijn dan winkelen. Wat komt erbij kijken, juridisch, bouwkundig en voor de straat?",
        body: "Niet elke winkelstraat kan winkelstraat blijven. Waar de vraag naar winkelruimte structureel is afgenomen, biedt transformatie naar wonen een uitweg. Het past bovendien bij de grote vraag naar woningen in de stad. Toch is het geen eenvoudige ingreep.\n\n\
               ## Waar loop je tegenaan?\n\n\
               - **Omgevingsplan**: wonen op de begane grond is niet overal toegestaan. Vaak is een omgevingsvergunning nodig voor een activiteit die afwijkt van het omgevingsplan.\n\
               - **Bouwregels**: een woning moet voldoen aan de eisen van het Besluit bouwwerken leefomgeving, onder meer voor daglicht, ventilatie en geluid.\n\
               - **Privacy**: een woning achter een grote etalage op straatniveau vraagt om een slim ontwerp, bijvoorbeeld een verhoogde vloer of een voortuin.\n\
               - **Geld**: de waarde van een winkelpand kan bij transformatie dalen, zeker als huurinkomsten wegvallen. Eigenaren moeten daarom een helder beeld hebben van de financiële gevolgen.\n\n\
               ## Kies bewust\n\n\
               Transformeer niet pand voor pand, maar kijk naar de straat als geheel. Een winkelstraat met gaten van woningen verliest zijn samenhang. Beter is het om het kernwinkelgebied te verkleinen en een aanloopstraat in zijn geheel een woonstraat te laten worden, met ruimte voor enkele bedrijfjes of maatschappelijke functies.\n\n\
               In de Molenstraat en in de randen van Stadshart Noord onderzoeken gemeente en eigenaren deze mogelijkheid op dit moment.",
        themes: &["vacancy", "sector_mix"],
        segments: &["Vastgoed en leegstand"],
        areas: &["molenstraat", "stadshart-noord"],
        source: "Gemeente, team Wonen en Economie",
        author: "Samira Ouali",
        published_on: "2024-09-17",
        url: Some("https://example.nl/wonen/transformatie-winkelpanden"),
        reviewed: true,
        last_checked: Some("2026-09-30"),
    },
    DemoItem {
        slug: "huurprijsafspraken",
        kind: "instrument",
        title: "Huurprijsafspraken tussen eigenaren en ondernemers",
        summary: "Omzethuur, staffelhuur en korting voor gewenste branches: zo kunnen eigenaren met hun huurprijs bijdragen aan een sterk winkelgebied.",
        body: "De huurprijs is een van de krachtigste instrumenten om de samenstelling van een winkelgebied te beïnvloeden. Toch wordt er zelden in gezamenlijkheid over gesproken. Een eigenaar die zijn pand leeg laat staan in afwachting van een huurder die de volle prijs betaalt, schaadt niet alleen zichzelf maar ook zijn buren.\n\n\
               ## Vormen van afspraken\n\n\
               - **Staffelhuur**: de huur begint laag en groeit in een paar jaar naar het marktniveau. Dat geeft starters lucht.\n\
               - **Omzethuur**: de huur bestaat deels uit een vast bedrag en deels uit een percentage van de omzet. Eigenaar en ondernemer delen zo het risico.\n\
               - **Korting voor gewenste branches**: een eigenaar biedt een lagere huur aan een ambachtelijke bakker of een andere trekker die het gebied mist.\n\
               - **Huurvrije periode**: een paar maanden zonder huur om de verbouwing mogelijk te maken.\n\n\
               ## Samen afspreken\n\n\
               Individuele huurprijzen blijven vertrouwelijk. Wat eigenaren wel samen kunnen doen, is afspreken welke branches ze in het gebied willen aantrekken en welke instrumenten ze daarvoor inzetten. Let daarbij op het mededingingsrecht: afspraken tussen concurrerende eigenaren over de hoogte van huurprijzen zijn niet toegestaan. Laat je bij twijfel juridisch adviseren.\n\n\
               Een vastgoedoverleg, zoals elders in de kennisbank beschreven, is een goede plek om zulke afspraken te maken.",
        themes: &["vacancy", "sector_mix"],
        segments: &["Vastgoed en leegstand"],
        areas: &[],
        source: "Kenniscentrum Winkelgebieden (fictief)",
        author: "Femke Rietveld",
        published_on: "2022-11-29",
        url: None,
        reviewed: true,
        last_checked: Some("2025-12-08"),
    },
    DemoItem {
        slug: "kernwinkelgebied-verkleinen",
        kind: "instrument",
        title: "Kernwinkelgebied verkleinen: compacter en sterker",
        summary: "Minder winkelmeters op de juiste plek: waarom een kleiner kernwinkelgebied vaak sterker is, en hoe gemeente, eigenaren en ondernemers daar samen naartoe werken.",
        body: "Veel winkelgebieden zijn groter dan de vraag rechtvaardigt. De groei van online winkelen en de veranderende rol van het centrum hebben geleid tot een overschot aan winkelmeters, vooral in aanloopstraten. Het gevolg is versnipperde leegstand: overal een paar lege panden, waardoor het hele gebied minder aantrekkelijk wordt.\n\n\
               Door het kernwinkelgebied bewust te verkleinen, concentreer je de winkels op de plekken met de meeste passanten. Daarbuiten komt ruimte voor wonen, werken, horeca of maatschappelijke functies.\n\n\
               ## Stappen\n\n\
               1. Breng met passantentellingen en de leegstandsmonitor in beeld waar het winkelhart ligt.\n\
               2. Stel samen met ondernemers en eigenaren een visie op: waar winkelen we straks, en waar niet meer?\n\
               3. Leg de nieuwe begrenzing vast in het omgevingsplan, zodat functiewijziging in de randen eenvoudiger wordt.\n\
               4. Help ondernemers die naar het kerngebied willen verhuizen, bijvoorbeeld met een verhuisbijdrage of bemiddeling.\n\
               5. Begeleid eigenaren in de randen bij transformatie.\n\n\
               ## Draagvlak\n\n\
               Een eigenaar aan de rand van het gebied ziet de waarde van zijn pand soms dalen. Erken dat belang en zoek naar compensatie, bijvoorbeeld via ruimere bouwmogelijkheden voor wonen. Wees eerlijk: niet iedereen wordt er beter van, maar het gebied als geheel wel.",
        themes: &["vacancy", "sector_mix"],
        segments: &["Visie en ambitie", "Vastgoed en leegstand"],
        areas: &[],
        source: "Gemeente, team Economie",
        author: "Gert-Jan Postma",
        published_on: "2023-05-16",
        url: Some("https://example.nl/economie/compact-kernwinkelgebied"),
        reviewed: true,
        last_checked: Some("2026-04-27"),
    },
    DemoItem {
        slug: "vastgoedoverleg",
        kind: "instrument",
        title: "Vastgoedoverleg: eigenaren structureel aan tafel",
        summary: "Een vast overleg van eigenaren, gemeente en ondernemers maakt het mogelijk om samen te sturen op verhuur, onderhoud en veiligheid. Opzet, agenda en afspraken.",
        body: "In gebieden met veel verschillende eigenaren gaat het vaak mis op het moment van verhuur. Elke eigenaar zoekt voor zijn eigen pand de beste huurder, zonder te weten wat de buren doen. Een vastgoedoverleg brengt eigenaren op vaste momenten bij elkaar om samen naar het gebied te kijken.\n\n\
               ## Opzet\n\n\
               - Drie tot vier keer per jaar, met een onafhankelijke voorzitter.\n\
               - Vaste deelnemers: de eigenaren of hun beheerders, de straatmanager en de gebiedsmanager van de gemeente.\n\
               - Een vaste agenda: leegstand en verhuur, onderhoud en gevels, veiligheid, en ontwikkelingen in de openbare ruimte.\n\n\
               ## Huurders screenen\n\n\
               Een terugkerend onderwerp is de screening van nieuwe huurders. Eigenaren kunnen, met de juiste waarborgen voor privacy, afspreken dat ze bij een huurwisseling letten op signalen van ondermijning: een huurder die contant wil betalen, een onduidelijke financiering of een bedrijf zonder zichtbare klanten. Bij twijfel nemen ze contact op met de gemeente.\n\n\
               ## Resultaten\n\n\
               Een vastgoedoverleg levert niet meteen zichtbare resultaten op. De winst zit in vertrouwen: eigenaren die elkaar kennen, bellen elkaar bij een pand dat leeg dreigt te komen en stemmen huurders op elkaar af. Na een jaar of twee zie je dat terug in minder leegstand en een betere mix.",
        themes: &["organisation", "vacancy", "undermining"],
        segments: &["Vastgoed en leegstand", "Organisatie en samenwerking"],
        areas: &[],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Mo Haddou",
        published_on: "2024-02-20",
        url: None,
        reviewed: true,
        last_checked: Some("2026-06-15"),
    },
    // ---------------------------------------------------------------- practice
    DemoItem {
        slug: "brugstraat-vastgoedtafel",
        kind: "practice",
        title: "Brugstraat: van losse eigenaren naar één vastgoedtafel",
        summary: "In de Brugstraat kenden de particuliere eigenaren elkaar nauwelijks. Een straatmanager en een coördinator brachten ze in een jaar aan één tafel.",
        body: "De Brugstraat is een aanloopstraat met veel zelfstandige ondernemers en een wisselend aanbod. De panden zijn grotendeels in handen van particuliere eigenaren, van wie een aantal buiten de stad woont. Toen de leegstand opliep, bleek niemand te weten wie de eigenaren waren, laat staan wat hun plannen waren.\n\n\
               ## Aanpak\n\n\
               De coördinator van het coördinatiepunt zocht via het kadaster alle eigenaren op en stuurde hun een persoonlijke brief, ondertekend door de voorzitter van de ondernemersvereniging en de gebiedsmanager. Daarna volgden bezoekjes en telefoontjes. Van de negentien eigenaren reageerden er in eerste instantie zes.\n\n\
               Die zes kwamen bijeen in het café op de hoek, met koffie en een korte presentatie over passanten en leegstand in vergelijkbare straten. Het gesprek ging al snel over concrete panden: wie verwachtte binnenkort een lege unit, en welke huurder zou de straat goed doen?\n\n\
               ## Wat het opleverde\n\n\
               - Een vastgoedtafel die drie keer per jaar bijeenkomt, met inmiddels twaalf eigenaren.\n\
               - Afspraken over tijdelijke verhuur van twee lege panden aan starters.\n\
               - Een gezamenlijke aanvraag bij het gevelfonds voor vijf panden.\n\n\
               ## Lessen\n\n\
               Geduld en een persoonlijke benadering zijn belangrijker dan een mooie presentatie. En laat eigenaren elkaar uitnodigen: een uitnodiging van een collega-eigenaar weegt zwaarder dan een brief van de gemeente.",
        themes: &["organisation", "vacancy"],
        segments: &["Vastgoed en leegstand", "Organisatie en samenwerking"],
        areas: &["brugstraat"],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Hanneke Brouwer",
        published_on: "2025-09-04",
        url: None,
        reviewed: true,
        last_checked: Some("2026-10-02"),
    },
    DemoItem {
        slug: "lindenplein-samen-ontwerpen",
        kind: "practice",
        title: "Lindenplein: bewoners en ondernemers ontwerpen samen het nieuwe plein",
        summary: "Het groen en de verlichting op het Lindenplein waren verouderd. Ondernemers, bewoners en gemeente maakten samen een ontwerp voor een plein waar je graag blijft.",
        body: "Het Lindenplein is een compact wijkcentrum met een supermarkt, een bakker en een wekelijkse markt. Bewoners waarderen het plein, maar het groen was verwaarloosd en de verlichting schoot na zonsondergang tekort. De ondernemersvereniging zette de herinrichting op de agenda en vroeg de gemeente om het ontwerp samen te maken.\n\n\
               ## Drie ontwerpavonden\n\n\
               Op drie avonden werkten ondernemers, bewoners, de marktmeester en ontwerpers van de gemeente aan een plan voor de openbare ruimte. Iedereen kreeg een plattegrond en stickers: waar wil je zitten, waar loop je, waar staat de markt? Daaruit kwamen heldere wensen:\n\n\
               - meer bomen en zitplekken in de schaduw;\n\
               - een vrije ruimte voor de markt, met stroompunten voor de kramen;\n\
               - betere verlichting langs de looproutes;\n\
               - fietsparkeren dichter bij de winkels, zonder dat fietsen de ingangen blokkeren.\n\n\
               ## Van ontwerp naar uitvoering\n\n\
               De gemeente heeft het definitieve ontwerp vastgesteld. De uitvoering is gepland na de zomer, zodat de markt niet in het drukke seizoen hoeft te verhuizen. De ondernemers betalen mee aan plantenbakken en feestverlichting en nemen het onderhoud van de bakken op zich.\n\n\
               Wat anderen ervan kunnen leren: begin het ontwerp bij de mensen die het plein dagelijks gebruiken, niet bij een tekening.",
        themes: &["public_space"],
        segments: &["Openbare ruimte en beleving"],
        areas: &["lindenplein"],
        source: "Ondernemersvereniging Lindenplein",
        author: "Marco Veenstra",
        published_on: "2025-06-24",
        url: None,
        reviewed: true,
        last_checked: Some("2026-08-19"),
    },
    DemoItem {
        slug: "molenstraat-signalen-bundelen",
        kind: "practice",
        title: "Molenstraat: signalen bundelen bij snel wisselende huurders",
        summary: "Snel wisselende huurders en zaken zonder klanten: in de Molenstraat bundelden ondernemers, eigenaren, politie en gemeente hun signalen in een vaste werkwijze.",
        body: "De Molenstraat verliest langzaam zijn functie als winkelstraat. Tussen de bestaande zaken verschenen de afgelopen jaren winkels die weinig klanten trekken maar wel lang open zijn, en huurders die na een paar maanden weer vertrekken. Ondernemers hadden het gevoel dat er iets niet klopte, maar wisten niet bij wie ze terechtkonden.\n\n\
               ## Een vaste werkwijze\n\n\
               Samen met de wijkagent, de bedrijfscontactfunctionaris en het team Ondermijning van de gemeente is een eenvoudige werkwijze afgesproken:\n\n\
               1. Ondernemers en eigenaren melden signalen bij de straatmanager of rechtstreeks bij een vast meldpunt van de gemeente.\n\
               2. Eens per kwartaal bespreken gemeente en politie de signalen in een besloten overleg.\n\
               3. Waar nodig volgt een integrale controle, bijvoorbeeld samen met de Belastingdienst en de brandweer.\n\
               4. Ondernemers horen in algemene termen wat er met de meldingen is gedaan.\n\n\
               ## Eerste resultaten\n\n\
               Na een jaar zijn twee panden na een controle gesloten, en heeft een eigenaar zijn screening van huurders aangescherpt. Belangrijker nog: ondernemers voelen zich serieus genomen. De ondermijning is niet verdwenen, maar de straat is minder aantrekkelijk geworden voor wie iets te verbergen heeft.\n\n\
               Intussen onderzoeken gemeente en eigenaren welke panden naar wonen kunnen, zodat er minder ruimte overblijft voor twijfelachtige huurders.",
        themes: &["undermining", "safety"],
        segments: &["Veiligheid en ondermijning"],
        areas: &["molenstraat"],
        source: "Gemeente, stadsdeel Oost",
        author: "Esther Kok",
        published_on: "2025-02-11",
        url: None,
        reviewed: true,
        last_checked: Some("2026-05-20"),
    },
    DemoItem {
        slug: "kastanjelaan-naar-een-vast-fonds",
        kind: "practice",
        title: "Kastanjelaan: van vrijwillige contributie naar een vast fonds",
        summary: "De ondernemers aan de Kastanjelaan organiseren veel zelf, maar de vrijwillige contributie staat onder druk. Hoe de vereniging werkt aan een duurzame financiering.",
        body: "De Kastanjelaan is een levendige laan met speciaalzaken, koffiebars en een sterke ondernemersvereniging. De vereniging organiseert zelf een zomermarkt, een lichtjesavond en een gezamenlijk account op sociale media. Alles wordt betaald uit vrijwillige contributie, en daar zit het probleem: ongeveer de helft van de ondernemers betaalt mee, terwijl iedereen profiteert.\n\n\
               ## Op weg naar een ondernemersfonds\n\n\
               Het bestuur verkende twee routes: een BIZ, waarbij alle ondernemers na een draagvlakmeting een verplichte bijdrage betalen, en een eigen deelfonds binnen het stedelijke fonds dat uit de reclamebelasting wordt gevoed. Na gesprekken met de gemeente en met de BIZ in de Binnenstad koos de vereniging voor het deelfonds: minder organisatielast dan een BIZ, en toch een vaste bijdrage van iedereen met gevelreclame.\n\n\
               ## Wat er nodig was\n\n\
               - Een activiteitenplan voor vijf jaar met een heldere begroting.\n\
               - Een ledenvergadering die het bestuur het mandaat gaf om verder te gaan.\n\
               - Bezoekjes bij ondernemers die niet betalen, om te horen waarom niet.\n\n\
               Die bezoekjes leverden het meest op. Veel niet-betalers bleken niet tegen de activiteiten te zijn, maar wisten simpelweg niet wat er met het geld gebeurde. Het bestuur publiceert nu elk kwartaal een korte nieuwsbrief met de uitgaven.\n\n\
               De gemeenteraad moet de reclamebelasting nog uitbreiden naar de Kastanjelaan; dat besluit wordt volgend jaar verwacht.",
        themes: &["organisation", "branding"],
        segments: &["Financiering", "Organisatie en samenwerking"],
        areas: &["kastanjelaan"],
        source: "Ondernemersvereniging Kastanjelaan",
        author: "Bas Hendriks",
        published_on: "2026-01-27",
        url: None,
        reviewed: false,
        last_checked: None,
    },
    DemoItem {
        slug: "hoge-weide-zonnedak",
        kind: "practice",
        title: "Hoge Weide: zonnepanelen op alle daken van het winkelcentrum",
        summary: "De ondernemers en de eigenaar van Winkelcentrum Hoge Weide leggen samen zonnepanelen op de daken. Over financiering, eigendom en de verdeling van de opbrengst.",
        body: "Winkelcentrum Hoge Weide heeft ruim tienduizend vierkante meter plat dak. Lange tijd gebeurde daar niets mee. De BIZ zette verduurzaming in haar activiteitenplan en nam het initiatief voor een collectief zonnedak.\n\n\
               ## De constructie\n\n\
               De daken zijn van de vastgoedeigenaar, de energie wordt gebruikt door de ondernemers. Er moest dus een constructie komen waar beide partijen baat bij hebben. Gekozen is voor een coöperatie waarin de ondernemers deelnemen. De eigenaar stelt de daken beschikbaar tegen een symbolische vergoeding en betaalt waar nodig de versterking van de dakconstructie. De coöperatie sluit een financiering af en levert de stroom tegen een vaste prijs aan de deelnemende ondernemers.\n\n\
               ## Aandachtspunten\n\n\
               - Laat vooraf een constructeur berekenen of de daken het extra gewicht kunnen dragen.\n\
               - Vraag de aansluiting op het net op tijd aan; in delen van de stad is de netcapaciteit beperkt.\n\
               - Maak afspraken over wat er gebeurt als een ondernemer vertrekt of als het centrum wordt verkocht.\n\n\
               ## Stand van zaken\n\n\
               De eerste fase, op de daken van de supermarkt en de parkeergarage, is opgeleverd. De tweede fase volgt zodra de netbeheerder extra capaciteit vrijgeeft. De BIZ onderzoekt daarnaast een gezamenlijke inkoop van ledverlichting voor de etalages.",
        themes: &["sustainability"],
        segments: &[],
        areas: &["hoge-weide"],
        source: "BIZ Hoge Weide",
        author: "Petra Verbeek",
        published_on: "2025-11-18",
        url: Some("https://example.nl/hogeweide/zonnedak"),
        reviewed: true,
        last_checked: Some("2026-10-21"),
    },
    DemoItem {
        slug: "stadshart-noord-passage",
        kind: "practice",
        title: "Stadshart Noord: tijdelijke invulling en een veiligere passage",
        summary: "In het overdekte winkelcentrum Stadshart Noord loopt de leegstand op en voelt de passage 's avonds onveilig. Eigenaar en gemeente zetten samen de eerste stappen.",
        body: "Stadshart Noord is een overdekt winkelcentrum uit de jaren zeventig met één grote eigenaar. Het aantal lege units is de afgelopen jaren gestaag gegroeid, en na sluitingstijd voelt de passage onveilig: slecht verlicht, met donkere hoeken en dichte rolluiken. Bewoners mijden de route naar de bushalte.\n\n\
               ## Eerste stappen\n\n\
               De eigenaar, de gemeente en de winkeliersvereniging maakten een plan voor de korte termijn:\n\n\
               - vier lege units worden tijdelijk ingevuld door een buurtwerkplaats, een kringloopwinkel en twee startende ondernemers;\n\
               - de verlichting in de passage is vervangen en blijft tot middernacht aan;\n\
               - twee donkere nissen zijn afgesloten en bij de ingangen hangen camera's;\n\
               - een beheerder loopt op vaste tijden een ronde.\n\n\
               ## De lange termijn\n\n\
               Tegelijk denkt de eigenaar na over transformatie van de randen van het centrum naar wonen. De gemeente wil dat er een levendig centrum voor de wijk overblijft, met in elk geval een supermarkt, een apotheek en een ontmoetingsplek. Over die ondergrens lopen de gesprekken nog.\n\n\
               De tijdelijke invulling is nadrukkelijk geen oplossing voor de structurele leegstand. Ze houdt het centrum levendig zolang eigenaar en gemeente over de toekomst praten, en laat zien welke functies de wijk waardeert.",
        themes: &["vacancy", "safety"],
        segments: &["Vastgoed en leegstand", "Veiligheid en ondermijning"],
        areas: &["stadshart-noord"],
        source: "Gemeente, stadsdeel Noord",
        author: "Anton de Ruiter",
        published_on: "2024-12-03",
        url: None,
        reviewed: true,
        last_checked: Some("2026-03-11"),
    },
    DemoItem {
        slug: "havenstraat-eigen-merk",
        kind: "practice",
        title: "Havenstraat: een eigen merk zonder de eigenheid te verliezen",
        summary: "De Havenstraat groeide uit tot een plek voor ambacht, food en cultuur. Hoe de ondernemers een merk bouwden dat het verhaal van de straat vertelt in plaats van verkoopt.",
        body: "De Havenstraat was tien jaar geleden nog een straat met leegstaande loodsen en een paar garages. Inmiddels zitten er een koffiebranderij, een brouwerij, ateliers en een handvol restaurants, en trekt de straat bezoekers uit de hele stad. Met het succes kwam ook een vraag: hoe houden we vast wat de straat bijzonder maakt?\n\n\
               ## Het verhaal eerst\n\n\
               In plaats van meteen een logo te laten ontwerpen, gingen de ondernemers op zoek naar hun gezamenlijke verhaal. In drie sessies met een onafhankelijke begeleider beschreven ze wat de straat voor hen betekent. Steeds kwamen dezelfde woorden terug: maken, delen, havengeschiedenis. Die woorden vormen nu de basis van alle communicatie.\n\n\
               ## Wat ze deden\n\n\
               - Een eenvoudige huisstijl die ondernemers vrij mogen gebruiken, ook in hun eigen uitingen.\n\
               - Verhalen over de makers in plaats van advertenties voor aanbiedingen.\n\
               - Een jaarlijks havenfestival, samen met bewoners en de buurtbibliotheek.\n\
               - Afspraken met eigenaren om bij nieuwe verhuur voorrang te geven aan makers en zelfstandigen.\n\n\
               ## Lessen voor andere gebieden\n\n\
               Branding begint niet bij een logo, maar bij een gedeeld beeld van wie je bent. En een merk werkt alleen als het aanbod in de straat het verhaal waarmaakt. Daarom is de afspraak met de eigenaren over de branchering minstens zo belangrijk als de huisstijl.",
        themes: &["branding", "sector_mix"],
        segments: &["Marketing en branding"],
        areas: &["havenstraat"],
        source: "Ondernemersvereniging Havenstraat",
        author: "Lotte Verschuren",
        published_on: "2024-04-09",
        url: Some("https://example.nl/havenstraat/merkverhaal"),
        reviewed: true,
        last_checked: Some("2026-02-03"),
    },
    DemoItem {
        slug: "kanaalweg-venstertijden",
        kind: "practice",
        title: "Kanaalweg: venstertijden en laad- en losplekken die werken",
        summary: "Bestelbussen in de tweede rij en een vol fietspad: aan de Kanaalweg zochten ondernemers, vervoerders en gemeente samen naar een betere bevoorrading.",
        body: "De Kanaalweg is een lange doorgaande weg met winkels op de begane grond en veel verkeer. Bestelbussen die in de tweede rij stilstaan, zorgen voor opstoppingen en gevaarlijke situaties voor fietsers. Tegelijk zijn ondernemers afhankelijk van een vlotte bevoorrading. De bereikbaarheid is al jaren een terugkerend punt in elk overleg.\n\n\
               ## Wat er is afgesproken\n\n\
               Een telling op drie werkdagen liet zien dat de meeste leveringen tussen tien en twaalf uur 's ochtends plaatsvinden, precies wanneer ook de eerste klanten komen. Met de vervoerders en de ondernemers is daarom afgesproken:\n\n\
               - bevoorrading bij voorkeur voor half elf, met venstertijden die in een verkeersbesluit zijn vastgelegd en met borden zijn aangegeven;\n\
               - drie vaste laad- en losplekken, verspreid over de weg, met een maximale parkeerduur van twintig minuten;\n\
               - gebundelde leveringen via een stadshub aan de rand van de stad voor ondernemers die dat willen.\n\n\
               ## Resultaat na een half jaar\n\n\
               Volgens een nieuwe telling is het aantal bestelbussen in de tweede rij ongeveer gehalveerd. Handhaving blijft nodig, vooral op de laad- en losplekken waar bezoekers hun auto laten staan. Ondernemers en gemeente evalueren de afspraken elk jaar.",
        themes: &["accessibility"],
        segments: &[],
        areas: &["kanaalweg"],
        source: "Gemeente, team Verkeer en Mobiliteit",
        author: "Kees Wolters",
        published_on: "2025-04-15",
        url: None,
        reviewed: true,
        last_checked: Some("2026-06-02"),
    },
    // ---------------------------------------------------------------- research
    DemoItem {
        slug: "passantentellingen-2025",
        kind: "research",
        title: "Passantentellingen 2025: het beeld per kerngebied",
        summary: "Op een vaste zaterdag telde de gemeente passanten op het drukste punt van elk kerngebied. De drukte is terug op het niveau van voor de pandemie, maar niet overal.",
        body: "Sinds 2019 telt de gemeente elk jaar het aantal passanten in de kerngebieden. De telling vindt plaats op een zaterdag in het najaar, op het drukste punt van het gebied, van tien tot vijf uur. In de grotere gebieden worden de handmatige tellingen sinds 2023 aangevuld met sensoren die alleen aantallen vastleggen en geen beelden bewaren.\n\n\
               - In de Binnenstad en het Stationskwartier ligt het aantal passanten weer op of boven het niveau van 2019.\n\
               - Gebieden met veel dagelijkse boodschappen, zoals de wijkcentra, kwamen het best door de pandemie.\n\
               - In de Molenstraat, Parkhof en Stadshart Noord daalt het aantal passanten verder. Een dalend aantal passanten is vaak een voorbode van oplopende leegstand.\n\
               - Waar het aanbod aan horeca groeit, verschuift de drukte naar later op de dag.\n\n\
               ## Hoe lees je de cijfers?\n\n\
               Een telling op één dag zegt iets, maar niet alles. Weer, evenementen en wegwerkzaamheden kunnen de uitkomst sterk beïnvloeden. Vergelijk daarom vooral de trend over meerdere jaren en kijk naar vergelijkbare gebieden. Voor gebieden met sensoren zijn ook cijfers per uur en per weekdag beschikbaar.\n\n\
               De cijfers per gebied staan in de gebiedsprofielen op Kernpunt, bij de indicator passanten.",
        themes: &["vacancy", "sector_mix"],
        segments: &[],
        areas: &[],
        source: "Gemeente, afdeling Onderzoek en Statistiek",
        author: "Jasper Koning",
        published_on: "2025-12-09",
        url: Some("https://example.nl/onderzoek/passantentellingen-2025"),
        reviewed: true,
        last_checked: Some("2026-10-12"),
    },
    DemoItem {
        slug: "leegstandsmonitor-2025",
        kind: "research",
        title: "Leegstandsmonitor 2025: leegstand daalt, langdurige leegstand blijft",
        summary: "De leegstand in de kerngebieden is in 2025 licht gedaald. Het aandeel panden dat langer dan een jaar leegstaat, blijft in een aantal aanloopstraten hardnekkig hoog.",
        body: "De leegstandsmonitor brengt elk jaar per kerngebied het aandeel leegstaande verkooppunten en leegstaand winkelvloeroppervlak in beeld. De peildatum is 1 januari; de gegevens komen uit veldwerk, de basisregistraties en meldingen van straatmanagers.\n\n\
               ## Uitkomsten\n\n\
               - Gemiddeld over alle kerngebieden daalde de leegstand van verkooppunten met ongeveer een half procentpunt.\n\
               - De daling zit vooral in gebieden in opbouw en in groei, zoals het Stationskwartier en de Havenstraat.\n\
               - In gebieden met een dalende trend, zoals de Molenstraat en Lange Akker, nam de leegstand verder toe.\n\
               - Het aandeel langdurige leegstand, langer dan een jaar, veranderde nauwelijks.\n\n\
               ## Duiding\n\n\
               Langdurige leegstand concentreert zich in aanloopstraten, vaak in panden van eigenaren die niet actief verhuren of wachten op een betere markt. Juist daar helpen algemene maatregelen weinig. Een persoonlijke aanpak per pand, met een vastgoedoverleg en waar nodig een meldplicht, ligt meer voor de hand.\n\n\
               In een aantal gebieden ligt de leegstand in vierkante meters hoger dan die in aantallen verkooppunten. Dat komt doordat daar vooral grote panden leegstaan, bijvoorbeeld na het vertrek van een keten.\n\n\
               De cijfers per gebied en de reeksen vanaf 2020 staan in de gebiedsprofielen en in de vergelijker op Kernpunt.",
        themes: &["vacancy"],
        segments: &["Vastgoed en leegstand"],
        areas: &[],
        source: "Gemeente, afdeling Onderzoek en Statistiek",
        author: "Jasper Koning",
        published_on: "2026-03-19",
        url: Some("https://example.nl/onderzoek/leegstandsmonitor-2025"),
        reviewed: true,
        last_checked: Some("2026-10-12"),
    },
    DemoItem {
        slug: "bezoekersonderzoek-2024",
        kind: "research",
        title: "Bezoekersonderzoek kerngebieden 2024: rapportcijfers en verbeterpunten",
        summary: "Ruim vierduizend bezoekers gaven hun oordeel over de kerngebieden. Sfeer en aanbod scoren goed; schoon, heel en veilig blijft het belangrijkste verbeterpunt.",
        body: "Elke twee jaar vraagt de gemeente bezoekers van de kerngebieden naar hun ervaringen. In 2024 vulden ruim vierduizend mensen de vragenlijst in, op straat en online. Ze gaven een rapportcijfer voor het gebied als geheel en voor onderdelen als aanbod, sfeer, bereikbaarheid, schoonheid en veiligheid.\n\n\
               ## Uitkomsten\n\n\
               Het gemiddelde rapportcijfer over alle gebieden is een 7,1. De Binnenstad en de Havenstraat scoren het hoogst, vooral op sfeer en aanbod. Wijkcentra worden gewaardeerd om het gemak: alles dicht bij huis en goed te voet of met de fiets bereikbaar.\n\n\
               De laagste scores zijn er voor schoonheid en voor het gevoel van veiligheid 's avonds. Bezoekers noemen zwerfafval, volle afvalbakken, slechte verlichting en groepen hangjongeren. In Stadshart Noord zegt een op de drie bezoekers zich na donker onveilig te voelen in de passage.\n\n\
               ## Wat kunnen gebieden ermee?\n\n\
               - Kijk naar de onderdelen met een lage score en naar de verschillen met vergelijkbare gebieden.\n\
               - Bespreek de uitkomsten met de gemeente: veel verbeterpunten liggen in de openbare ruimte en het beheer ervan.\n\
               - Herhaal de vragen in een eigen korte enquête om het effect van maatregelen te volgen.\n\n\
               Het volledige rapport en de cijfers per gebied staan op de onderzoekspagina van de gemeente.",
        themes: &["public_space", "safety"],
        segments: &["Openbare ruimte en beleving"],
        areas: &[],
        source: "Gemeente, afdeling Onderzoek en Statistiek",
        author: "Priya Ramdin",
        published_on: "2024-11-26",
        url: Some("https://example.nl/onderzoek/bezoekersonderzoek-2024"),
        reviewed: true,
        last_checked: Some("2026-01-15"),
    },
    DemoItem {
        slug: "koopstromenonderzoek-2023",
        kind: "research",
        title: "Koopstromenonderzoek 2023: waar doen bewoners hun boodschappen?",
        summary: "Waar kopen inwoners hun dagelijkse boodschappen, kleding en elektronica? Het koopstromenonderzoek laat zien hoe sterk de binding aan het eigen wijkcentrum is.",
        body: "Het koopstromenonderzoek brengt in beeld waar inwoners hun aankopen doen: in het eigen wijkcentrum, elders in de stad, in een andere gemeente of online. Voor het onderzoek vulden ruim zevenduizend huishoudens een vragenlijst in over hun laatste aankopen in verschillende productgroepen.\n\n\
               ## Dagelijkse boodschappen\n\n\
               Voor dagelijkse boodschappen is de binding aan het eigen wijkcentrum hoog: gemiddeld doet ongeveer driekwart van de huishoudens de meeste boodschappen in de eigen wijk. Nabijheid en gemak van parkeren zijn daarbij de belangrijkste redenen. Waar een goede supermarkt ontbreekt, zoals in delen van Tuindorp, vloeien de bestedingen weg naar grotere centra.\n\n\
               ## Niet-dagelijkse aankopen\n\n\
               Voor kleding, schoenen en elektronica is het beeld anders. Het aandeel online bestedingen is sinds het vorige onderzoek flink gestegen. De Binnenstad en de grote stadsdeelcentra houden hun positie; kleinere winkelstraten verliezen terrein.\n\n\
               ## Betekenis voor de kerngebieden\n\n\
               - Wijkcentra doen er goed aan het dagelijkse aanbod te versterken en de bereikbaarheid te voet en per fiets op orde te houden.\n\
               - Winkelstraten zonder sterke dagelijkse functie moeten zich onderscheiden met beleving, service of specialisatie.\n\
               - Voor veel wijkcentra is een goed bereikbare supermarkt de belangrijkste trekker; als die vertrekt, raakt dat het hele centrum.\n\n\
               Een extern bureau voerde het onderzoek uit in opdracht van de gemeente.",
        themes: &["sector_mix", "accessibility"],
        segments: &[],
        areas: &["tuindorp"],
        source: "Bureau Koopstroom & Co (fictief)",
        author: "Marieke Dijkhuizen",
        published_on: "2023-06-06",
        url: Some("https://example.org/koopstromen/2023"),
        reviewed: true,
        last_checked: Some("2025-08-14"),
    },
    DemoItem {
        slug: "verduurzamingskansen-winkelpanden",
        kind: "research",
        title: "Verkenning: energieverbruik en verduurzamingskansen van winkelpanden",
        summary: "Een steekproef onder honderd winkelpanden laat zien waar de grootste besparing zit: verlichting, deuren die openstaan en verouderde installaties.",
        body: "Veel winkeliers hebben weinig zicht op hun energieverbruik en op de mogelijkheden om te besparen. Om gebieden een handvat te geven, liet de gemeente een verkenning uitvoeren bij honderd winkelpanden in vijf kerngebieden. Een energieadviseur bezocht elk pand en bekeek verlichting, verwarming, koeling, isolatie en installaties.\n\n\
               ## Uitkomsten\n\n\
               - Verlichting is in de meeste winkels de grootste verbruiker. Overstappen op led verdient zich vaak binnen drie jaar terug.\n\
               - Een deur die de hele dag openstaat, kost in de winter veel warmte. Een luchtgordijn of een deur die automatisch sluit, helpt.\n\
               - Ruim de helft van de panden heeft een verouderde verwarmingsinstallatie.\n\
               - Eigenaren en huurders wachten vaak op elkaar: de huurder betaalt de energierekening, de eigenaar moet investeren.\n\n\
               ## Aanbevelingen\n\n\
               Begin met eenvoudige maatregelen die de ondernemer zelf kan nemen, zoals ledverlichting en afspraken over openstaande deuren. Voor grotere investeringen zijn afspraken tussen eigenaar en huurder nodig, bijvoorbeeld een groene huurovereenkomst waarin de besparing wordt verdeeld. Gezamenlijke inkoop via een BIZ of ondernemersvereniging maakt maatregelen goedkoper.\n\n\
               Bedrijven met een hoog energieverbruik zijn daarnaast wettelijk verplicht om energiebesparende maatregelen te nemen en daarover te rapporteren. Veel winkeliers weten dat niet; het loont om hen daarop te wijzen.",
        themes: &["sustainability"],
        segments: &[],
        areas: &[],
        source: "Stichting Duurzaam Ondernemen Stad (fictief)",
        author: "Tom Bosman",
        published_on: "2022-10-11",
        url: None,
        reviewed: false,
        last_checked: None,
    },
    // ---------------------------------------------------------------- session reports
    DemoItem {
        slug: "verslag-themasessie-leegstand-maart-2025",
        kind: "session_report",
        title: "Verslag themasessie aanpak leegstand (maart 2025)",
        summary: "Veertig smaakmakers bespraken hoe je langdurige leegstand doorbreekt. Met voorbeelden uit de Brugstraat en Parkhof en tips voor het gesprek met de eigenaar.",
        body: "De digitale themasessie van maart stond in het teken van de aanpak van leegstand. Er deden ruim veertig smaakmakers mee: ondernemers, straatmanagers, vastgoedeigenaren en ambtenaren uit twaalf kerngebieden. Het onderwerp was via Kernpunt voorgesteld door de straatmanager van Parkhof.\n\n\
               ## Twee casussen\n\n\
               Parkhof vertelde over de drie panden die leegkwamen na het vertrek van de drogist, en over de twijfel van de supermarkt over een nieuwe huurperiode. De grootste zorg: als de supermarkt vertrekt, volgt de rest. De deelnemers adviseerden om de eigenaar van de supermarkt en die van de lege panden samen aan tafel te krijgen, en de gemeente te vragen mee te denken over het parkeren.\n\n\
               De Brugstraat liet zien hoe een vastgoedtafel ontstaat, te beginnen met een brief en bezoekjes bij de eigenaren. De belangrijkste les: geduld.\n\n\
               ## Tips uit de groep\n\n\
               - Zoek uit wie de beslisser is: de eigenaar, een beheerder of een fonds op afstand.\n\
               - Neem cijfers mee, maar begin met het verhaal van de straat.\n\
               - Bied iets aan, zoals hulp bij een vergunning of contact met starters.\n\
               - Spreek een volgende stap af voordat je weggaat.\n\n\
               ## Vervolg\n\n\
               In het najaar volgt een werkplaats over tijdelijke verhuur. Smaakmakers kunnen via Kernpunt altijd onderwerpen voorstellen.",
        themes: &["vacancy"],
        segments: &["Vastgoed en leegstand"],
        areas: &["parkhof", "brugstraat"],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Hanneke Brouwer",
        published_on: "2025-03-20",
        url: None,
        reviewed: true,
        last_checked: Some("2025-03-27"),
    },
    DemoItem {
        slug: "verslag-themasessie-openbare-ruimte",
        kind: "session_report",
        title: "Verslag themasessie openbare ruimte: schoon, heel en veilig",
        summary: "Hoe houd je een winkelgebied schoon en heel, en wie doet wat? Een verslag van de themasessie over beheer, afvalbakken, verlichting en afspraken met de gemeente.",
        body: "In de themasessie over de openbare ruimte stond een vraag centraal die in bijna elk kerngebied speelt: wie zorgt ervoor dat het gebied schoon, heel en veilig is? Zevenendertig deelnemers uit vijftien gebieden wisselden ervaringen uit.\n\n\
               ## Wat we hoorden\n\n\
               - Bezoekers maken geen onderscheid tussen gemeente en ondernemers: een volle afvalbak is slecht voor iedereen.\n\
               - Afspraken over het beheer staan vaak niet op papier, waardoor niemand zich verantwoordelijk voelt.\n\
               - Kapotte verlichting en graffiti worden te laat gemeld, omdat ondernemers niet weten hoe en waar.\n\n\
               ## Goede voorbeelden\n\n\
               De Meerhoek werkt met een beheerovereenkomst tussen gemeente en BIZ. Daarin staat precies wie welke taken heeft en hoe vaak er wordt schoongemaakt. De BIZ betaalt een extra schoonmaakronde op zaterdag. In de Dorpsstraat Oudewijk lopen ondernemers eens per maand met de wijkbeheerder een schouw en melden ze gebreken meteen via de app van de gemeente.\n\n\
               ## Afspraken\n\n\
               Deelnemers vroegen de gemeente om een standaard beheerovereenkomst die alle gebieden kunnen gebruiken. Het coördinatiepunt bespreekt dit met de afdeling Stadsbeheer. Een volgende sessie over verlichting en sociale veiligheid staat op de lijst met voorgestelde onderwerpen.",
        themes: &["public_space", "safety"],
        segments: &["Openbare ruimte en beleving"],
        areas: &["de-meerhoek", "dorpsstraat-oudewijk"],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Mo Haddou",
        published_on: "2024-06-20",
        url: None,
        reviewed: true,
        last_checked: Some("2024-07-01"),
    },
    DemoItem {
        slug: "verslag-themasessie-branding",
        kind: "session_report",
        title: "Verslag themasessie branding: één verhaal voor het gebied",
        summary: "Waarom branding begint bij een gedeeld verhaal en niet bij een logo. Met de Havenstraat en Sterrenplein als voorbeeld, en ideeën voor gebieden met een klein budget.",
        body: "De themasessie over branding trok veel jonge ondernemers, vooral uit gebieden die nog op zoek zijn naar een eigen identiteit. Centraal stond de vraag hoe je als gebied één verhaal vertelt, terwijl iedere ondernemer ook een eigen verhaal heeft.\n\n\
               ## Havenstraat en Sterrenplein\n\n\
               De Havenstraat vertelde hoe de ondernemers eerst hun gezamenlijke verhaal zochten en pas daarna een huisstijl lieten maken. Sterrenplein staat aan het begin: een nieuw wijkcentrum in een groeiende wijk, met ondernemers die graag willen maar nog niet weten waar het centrum voor staat. In een korte oefening gingen de deelnemers met hen aan de slag.\n\n\
               ## Ideeën voor een klein budget\n\n\
               - Laat bewoners vertellen wat ze aan het gebied waarderen en gebruik hun woorden.\n\
               - Fotografeer de ondernemers zelf in plaats van stockfoto's te gebruiken.\n\
               - Kies één terugkerend evenement en maak dat goed, in plaats van vijf halve.\n\
               - Zorg dat de naam van het gebied overal op dezelfde manier wordt geschreven.\n\n\
               ## Let op\n\n\
               Een merk dat meer belooft dan het gebied waarmaakt, werkt averechts. Zorg dat de branding aansluit bij het aanbod en bij de kwaliteit van de straat. En betrek de vastgoedeigenaren: zij bepalen mee welke ondernemers het verhaal in de toekomst gaan dragen.",
        themes: &["branding"],
        segments: &["Marketing en branding", "Visie en ambitie"],
        areas: &["havenstraat", "sterrenplein"],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Hanneke Brouwer",
        published_on: "2024-10-17",
        url: None,
        reviewed: true,
        last_checked: Some("2024-10-24"),
    },
    DemoItem {
        slug: "verslag-themasessie-ondermijning",
        kind: "session_report",
        title: "Verslag themasessie ondermijning: signalen herkennen in de winkelstraat",
        summary: "Wat is ondermijning, hoe herken je het en wat doe je met een signaal? Verslag van de sessie met de wijkagent, een Bibob-adviseur en ondernemers uit de Molenstraat.",
        body: "Ondermijning is de vermenging van onderwereld en bovenwereld: criminelen die legale bedrijven en panden gebruiken om geld wit te wassen of hun activiteiten te verbergen. In winkelstraten is dat vaak moeilijk te zien. Daarom stond in deze themasessie het herkennen van signalen centraal.\n\n\
               ## Signalen\n\n\
               De sprekers noemden signalen die in winkelgebieden vaak voorkomen:\n\n\
               - zaken zonder zichtbare klanten die toch lang open zijn;\n\
               - snel wisselende huurders of eigenaren;\n\
               - contante betaling van huur of verbouwingen;\n\
               - verbouwingen die niet passen bij het soort bedrijf;\n\
               - dichtgeplakte ramen of een etalage die nooit verandert.\n\n\
               Eén signaal zegt weinig. Het gaat om een combinatie, en om wat mensen opvalt die de straat goed kennen.\n\n\
               ## Wat doe je ermee?\n\n\
               Ondernemers kunnen een signaal melden bij de gemeente of anoniem bij een meldlijn. De Bibob-adviseur legde uit hoe de gemeente vergunningaanvragen toetst en wanneer ze aanvullende informatie opvraagt. Ondernemers uit de Molenstraat vertelden over hun vaste werkwijze met politie en gemeente.\n\n\
               ## Afspraken\n\n\
               Het coördinatiepunt stelt met het team Ondermijning een korte handreiking op voor straatmanagers en eigenaren. Deelnemers gaven aan dat ze vooral behoefte hebben aan terugkoppeling: wat gebeurt er met mijn melding?",
        themes: &["undermining", "safety"],
        segments: &["Veiligheid en ondermijning"],
        areas: &["molenstraat"],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Mo Haddou",
        published_on: "2025-10-16",
        url: None,
        reviewed: true,
        last_checked: Some("2025-10-23"),
    },
    DemoItem {
        slug: "intervisie-marktplein-zuid-herstemming-biz",
        kind: "session_report",
        title: "Intervisie Marktplein Zuid: de herstemming over de BIZ",
        summary: "De BIZ van Marktplein Zuid loopt af. In een intervisie hielpen andere gebieden het bestuur met de vraag hoe je ondernemers na vijf jaar opnieuw overtuigt.",
        body: "Marktplein Zuid is het centrum van stadsdeel Zuid, met een grote weekmarkt en een goed gemengd aanbod. De BIZ loopt dit jaar af en moet opnieuw worden gestemd. Het bestuur bracht de herstemming in als casus voor een intervisie met vertegenwoordigers van zes andere kerngebieden.\n\n\
               ## De casusvraag\n\n\
               Hoe overtuig je ondernemers die vijf jaar hebben meebetaald, maar niet goed weten wat het heeft opgeleverd? En hoe bereik je de nieuwe ondernemers die na de vorige stemming zijn gekomen?\n\n\
               ## Wat de groep meegaf\n\n\
               Na de uitleg van de casus stelden de deelnemers eerst alleen vragen, zonder advies te geven. Daaruit bleek dat het bestuur veel had gedaan, maar weinig had verteld. De adviezen die volgden:\n\n\
               - Breng vijf jaar BIZ in beeld: wat is er gedaan, wat kostte het, wat merkten ondernemers ervan?\n\
               - Bezoek elke ondernemer persoonlijk, te beginnen bij de twijfelaars.\n\
               - Laat ondernemers meepraten over het nieuwe plan, bijvoorbeeld via een korte enquête.\n\
               - Begin op tijd: de stemming moet ruim voor het einde van de huidige periode zijn afgerond.\n\n\
               ## Reflectie\n\n\
               De casusinbrenger gaf aan dat vooral de vragen hielpen: ze maakten zichtbaar dat het bestuur de communicatie had onderschat. Voor de andere deelnemers was de les dat je het draagvlak voor een BIZ niet alleen aan het begin, maar gedurende de hele looptijd moet onderhouden.",
        themes: &["organisation"],
        segments: &["Organisatie en samenwerking", "Financiering"],
        areas: &["marktplein-zuid"],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Thijs Hoekstra",
        published_on: "2026-04-23",
        url: None,
        reviewed: true,
        last_checked: Some("2026-05-04"),
    },
    DemoItem {
        slug: "verslag-werkplaats-verduurzaming",
        kind: "session_report",
        title: "Verslag werkplaats verduurzaming: samen inkopen en afval scheiden",
        summary: "In een werkplaats van een middag werkten ondernemers uit vier kerngebieden aan twee concrete plannen: gezamenlijke inkoop van energie en collectieve afvalinzameling.",
        body: "Verduurzaming staat in veel kerngebieden op de agenda, maar komt zelden verder dan goede voornemens. Daarom organiseerde het coördinatiepunt een werkplaats met één doel: met een concreet plan naar huis. Ondernemers uit Hoge Weide, De Meerhoek, de Kastanjelaan en Lindenplein deden mee.\n\n\
               ## Collectieve afvalinzameling\n\n\
               Nu regelt elke ondernemer zijn eigen afvalinzameling. Dat betekent veel vrachtwagens in de straat en hogere kosten. Met één contract voor een heel gebied rijdt er één inzamelaar, op vaste tijden, en kunnen ondernemers beter scheiden, bijvoorbeeld karton, glas en swill. De deelnemers schatten de besparing op tien tot twintig procent.\n\n\
               ## Gezamenlijke inkoop\n\n\
               Het tweede plan ging over de inkoop van energie en ledverlichting. Hoge Weide deelde de ervaringen met het collectieve zonnedak. Voor kleinere gebieden is aansluiten bij een bestaande inkoopcombinatie waarschijnlijk haalbaarder dan een eigen constructie.\n\n\
               ## Afspraken\n\n\
               - De Kastanjelaan en Lindenplein vragen samen offertes op voor collectieve afvalinzameling.\n\
               - Het coördinatiepunt zoekt uit of een raamcontract voor meerdere gebieden mogelijk is.\n\
               - Over een half jaar volgt een terugkomsessie.\n\n\
               De werkplaats liet zien dat efficiënte afspraken vooral ontstaan als een paar ondernemers de kar trekken.",
        themes: &["sustainability", "organisation"],
        segments: &[],
        areas: &["hoge-weide", "kastanjelaan"],
        source: "Coördinatiepunt Vitale Kerngebieden",
        author: "Mo Haddou",
        published_on: "2025-11-27",
        url: None,
        reviewed: false,
        last_checked: None,
    },
    // ---------------------------------------------------------------- recordings
    DemoItem {
        slug: "webinar-omgevingswet",
        kind: "recording",
        title: "Webinar: de Omgevingswet voor ondernemers en eigenaren",
        summary: "Opname van het webinar over de Omgevingswet: wat het omgevingsplan betekent voor functiewijziging, terrassen en reclame, en hoe participatie werkt.",
        body: "Sinds 1 januari 2024 geldt de Omgevingswet. In dit webinar legt een jurist van de gemeente uit wat de wet betekent voor ondernemers en eigenaren in de kerngebieden. Het webinar is opgenomen en hier terug te kijken; de dia's staan als bijlage bij dit item.\n\n\
               ## Onderwerpen\n\n\
               - **00:00** Introductie: van bestemmingsplan naar omgevingsplan.\n\
               - **08:30** Functiewijziging: wanneer heb je een vergunning nodig om een winkel om te zetten naar horeca, dienstverlening of wonen?\n\
               - **21:15** Participatie: wat er van een initiatiefnemer wordt verwacht voordat die een vergunning aanvraagt.\n\
               - **32:40** Vragen van deelnemers, onder meer over reclame aan de gevel en over terrassen.\n\n\
               ## Belangrijkste punten\n\n\
               De oude bestemmingsplannen zijn onderdeel geworden van het omgevingsplan van de gemeente. Zolang de gemeente geen volledig nieuw omgevingsplan heeft vastgesteld, blijven de regels uit die plannen grotendeels gelden. Wie iets wil wat niet in het omgevingsplan past, kan een omgevingsvergunning aanvragen. De gemeente kan daarbij vragen hoe omwonenden en andere belanghebbenden zijn betrokken.\n\n\
               De opname is ondertiteld. Vragen na het kijken? Neem contact op met de bedrijfscontactfunctionaris van je gebied.",
        themes: &["sector_mix", "vacancy"],
        segments: &[],
        areas: &[],
        source: "Gemeente, team Vergunningen",
        author: "Sophie Lambrechts",
        published_on: "2024-03-05",
        url: Some("https://example.nl/kennisbank/opnames/webinar-omgevingswet"),
        reviewed: true,
        last_checked: Some("2026-08-25"),
    },
    DemoItem {
        slug: "opname-ondermijning-en-vastgoed",
        kind: "recording",
        title: "Opname: ondermijning en vastgoed, wat kan de eigenaar doen?",
        summary: "Opname van het webinar over de rol van vastgoedeigenaren bij het tegengaan van ondermijning: huurders screenen, signalen herkennen en samenwerken met de gemeente.",
        body: "Vastgoedeigenaren zijn een belangrijke schakel in de aanpak van ondermijning. Wie een pand verhuurt aan een malafide huurder, loopt risico op schade, een sluiting door de burgemeester en reputatieschade. In dit webinar vertellen een eigenaar, een rechercheur van de politie en een adviseur van een regionaal expertisecentrum hoe eigenaren zich kunnen wapenen.\n\n\
               ## Hoofdstukken\n\n\
               1. Wat is ondermijning en hoe ziet het eruit in winkelgebieden?\n\
               2. Huurders screenen: wat mag wel en wat niet volgens de privacyregels?\n\
               3. Het huurcontract: bepalingen over gebruik, ontbinding en sluiting.\n\
               4. Samenwerken met gemeente en politie.\n\n\
               ## Uit de vragenronde\n\n\
               Een deelnemer vroeg wat er gebeurt als de politie in een verhuurd pand een hennepkwekerij vindt. De rechercheur legde uit dat de burgemeester het pand dan voor een periode kan sluiten, ook als de eigenaar van niets wist. Een goede screening en regelmatige controle van het pand zijn dus ook in het belang van de eigenaar.\n\n\
               Een andere vraag ging over huurders die contant willen betalen. Het advies: accepteer dat niet, en leg vast dat de huur alleen via de bank wordt betaald.\n\n\
               De opname duurt ongeveer vijftig minuten en is ondertiteld.",
        themes: &["undermining"],
        segments: &["Veiligheid en ondermijning", "Vastgoed en leegstand"],
        areas: &[],
        source: "Expertisecentrum Ondermijning Midden (fictief)",
        author: "Ramon Alberts",
        published_on: "2023-11-14",
        url: Some("https://example.org/expertisecentrum/opnames/ondermijning-en-vastgoed"),
        reviewed: true,
        last_checked: Some("2026-04-07"),
    },
    DemoItem {
        slug: "opname-ideeen-levendige-plint",
        kind: "recording",
        title: "Opname: ideeën voor een levendige plint",
        summary: "Terugkijken: ontwerpers, eigenaren en ondernemers delen ideeën voor de begane grond van winkelstraten, van ambachtelijke werkplaatsen tot buurtfuncties.",
        body: "De plint, de begane grond van een straat, bepaalt hoe een straat voelt. Een straat met open etalages, deuren en mensen achter het raam voelt levendig en veilig; een straat met dichte gevels en rolluiken niet. Nu er minder winkels nodig zijn, is de vraag wat er in de plint kan komen als de winkel verdwijnt.\n\n\
               ## Ideeën uit het webinar\n\n\
               - Werkplaatsen en ateliers met een raam naar de straat, zodat voorbijgangers kunnen zien hoe er wordt gewerkt.\n\
               - Maatschappelijke functies, zoals een huisartsenpraktijk, een bibliotheekpunt of een buurthuis.\n\
               - Kleine kantoren en flexplekken voor zelfstandigen uit de buurt.\n\
               - Woningen met een verhoogde vloer of een woon-werkruimte aan de straatkant.\n\
               - Tijdelijke invulling door starters, kunstenaars of sociale ondernemingen.\n\n\
               ## De rol van de eigenaar\n\n\
               Een eigenaar vertelde hoe hij een leeg winkelpand opdeelde in drie kleinere units voor makers. De huur per vierkante meter ligt hoger dan voorheen, maar het totale risico is kleiner. Een ontwerper liet zien hoe je met eenvoudige ingrepen, zoals een nieuwe pui of een bank voor het raam, een plint weer uitnodigend maakt.\n\n\
               De opname duurt ongeveer een uur en is ingedeeld in hoofdstukken. Aansluitend is een werkplaats gehouden met eigenaren uit de Lange Akker en de Molenstraat.",
        themes: &["sector_mix", "vacancy"],
        segments: &["Vastgoed en leegstand"],
        areas: &["lange-akker", "molenstraat"],
        source: "Kenniscentrum Winkelgebieden (fictief)",
        author: "Femke Rietveld",
        published_on: "2022-05-31",
        url: Some("https://example.org/kenniscentrum/opnames/levendige-plint"),
        reviewed: true,
        last_checked: Some("2025-10-06"),
    },
    DemoItem {
        slug: "opname-stadslogistiek-zero-emissiezone",
        kind: "recording",
        title: "Opname: stadslogistiek en de zero-emissiezone",
        summary: "Wat betekent de zero-emissiezone voor ondernemers die bevoorraad worden of zelf leveren? Terugkijken van de informatiesessie met vervoerders en gemeente.",
        body: "De gemeente voert een zero-emissiezone voor stadslogistiek in. Bestelauto's en vrachtwagens die in de zone rijden, moeten op termijn uitstootvrij zijn. Dat raakt niet alleen vervoerders, maar ook ondernemers die goederen laten bezorgen of zelf met een bus naar klanten rijden.\n\n\
               ## Wat komt er aan bod?\n\n\
               - Welke voertuigen wanneer de zone in mogen, en welke overgangsregelingen er gelden.\n\
               - Ontheffingen, bijvoorbeeld voor ondernemers met een oudere bus die nog niet vervangen kan worden.\n\
               - Bundeling van leveringen via een stadshub aan de rand van de stad.\n\
               - Laden en lossen: venstertijden, vaste plekken en de ervaringen aan de Kanaalweg.\n\n\
               ## Tips voor ondernemers\n\n\
               Vraag je leveranciers hoe zij zich op de zone voorbereiden. Bekijk of leveringen gebundeld kunnen worden met die van de buren, en overleg met de ondernemersvereniging over een gezamenlijke afspraak met een vervoerder. Wie zelf een bus heeft, kan subsidie aanvragen voor een elektrisch exemplaar; de voorwaarden verschillen per regeling.\n\n\
               Minder vrachtverkeer maakt de straat ook aantrekkelijker voor bezoekers: schoner, stiller en veiliger. De opname duurt 45 minuten; de presentatie van de gemeente staat onder de video.",
        themes: &["accessibility", "sustainability"],
        segments: &[],
        areas: &["kanaalweg"],
        source: "Gemeente, team Verkeer en Mobiliteit",
        author: "Kees Wolters",
        published_on: "2024-09-10",
        url: Some("https://example.nl/kennisbank/opnames/zero-emissiezone"),
        reviewed: true,
        last_checked: Some("2026-09-09"),
    },
    DemoItem {
        slug: "opname-ondernemers-in-zwaar-weer",
        kind: "recording",
        title: "Opname: financiële ondersteuning voor ondernemers in zwaar weer",
        summary: "Terugkijken: welke hulp is er voor ondernemers met geldzorgen, hoe herken je de signalen op tijd, en wat als stoppen de beste keuze is?",
        body: "Een ondernemer met financiële problemen trekt vaak pas aan de bel als het te laat is. Voor een winkelgebied betekent dat een lege plek die voorkomen had kunnen worden. In dit webinar vertellen een schuldhulpverlener, een bedrijfscontactfunctionaris en een oud-ondernemer over de hulp die er is.\n\n\
               ## Onderwerpen\n\n\
               - Signalen dat een collega-ondernemer het moeilijk heeft, en hoe je het gesprek aangaat.\n\
               - Hulp van de gemeente: het ondernemersloket, schuldhulpverlening voor zelfstandigen en tijdelijke inkomensondersteuning.\n\
               - Vrijwilligersorganisaties die ondernemers koppelen aan een ervaren coach.\n\
               - Afspraken met de verhuurder over uitstel of spreiding van de huur.\n\n\
               ## Als stoppen de beste keuze is\n\n\
               De oud-ondernemer vertelde open over het moment waarop hij besloot zijn zaak te sluiten. Goede begeleiding hielp hem de zaak netjes af te wikkelen en daarna de stap naar werk in loondienst te zetten. De gemeente biedt daarbij ondersteuning bij omscholing en reïntegratie.\n\n\
               Voor straatmanagers is de boodschap: houd contact met alle ondernemers, ook met wie nooit naar een bijeenkomst komt. Een tijdig gesprek kan een faillissement en een leeg pand voorkomen.\n\n\
               De opname duurt ongeveer veertig minuten en is ondertiteld.",
        themes: &["organisation", "vacancy"],
        segments: &[],
        areas: &[],
        source: "Gemeente, team Economie",
        author: "Yvonne Peeters",
        published_on: "2021-02-09",
        url: Some("https://example.nl/kennisbank/opnames/ondernemers-in-zwaar-weer"),
        reviewed: false,
        last_checked: None,
    },
    // ---------------------------------------------------------------- regulations
    DemoItem {
        slug: "omgevingswet-en-omgevingsplan",
        kind: "regulation",
        title: "Omgevingswet en omgevingsplan: wat verandert er voor winkelgebieden?",
        summary: "Met de Omgevingswet zijn de bestemmingsplannen opgegaan in één omgevingsplan per gemeente. Wat betekent dat voor functies, horeca, reclame en terrassen in de kerngebieden?",
        body: "Op 1 januari 2024 is de Omgevingswet in werking getreden. De wet bundelt de regels over ruimte, bouwen, milieu en natuur. Voor winkelgebieden is vooral het omgevingsplan van belang: één plan voor de hele gemeente, waarin de regels uit de oude bestemmingsplannen zijn opgenomen.\n\n\
               ## Wat blijft hetzelfde?\n\n\
               Voorlopig vrij veel. De oude bestemmingsplannen vormen samen het tijdelijke deel van het omgevingsplan. Zolang de gemeente die regels niet heeft vervangen, blijven ze gelden. Een pand met de bestemming 'detailhandel' mag dus nog steeds niet zonder meer als horecazaak worden gebruikt.\n\n\
               ## Wat verandert er?\n\n\
               - De gemeente vervangt de oude regels stap voor stap door nieuwe regels in het omgevingsplan. Daarbij kan ze bijvoorbeeld meer ruimte geven voor gemengde functies in aanloopstraten.\n\
               - Wie wil afwijken van het omgevingsplan, vraagt een omgevingsvergunning aan voor een omgevingsplanactiviteit.\n\
               - Participatie krijgt meer nadruk: de gemeente vraagt aanvragers hoe zij omwonenden en andere belanghebbenden hebben betrokken.\n\
               - Regels over bijvoorbeeld reclame en uitstallingen kunnen deels verschuiven van de APV naar het omgevingsplan.\n\n\
               ## Kansen voor de kerngebieden\n\n\
               Het nieuwe omgevingsplan is een kans om de gebiedsvisies van de kerngebieden een plek te geven. Denk aan een compacter kernwinkelgebied, ruimte voor wonen in de randen en soepele regels voor de plint. Gebieden met een visie kunnen die inbrengen bij de gemeente.\n\n\
               Dit item is een algemene toelichting en geen juridisch advies. Raadpleeg bij een concrete vraag het Omgevingsloket of de gemeente.",
        themes: &["sector_mix", "vacancy"],
        segments: &["Visie en ambitie"],
        areas: &[],
        source: "Gemeente, juridische zaken",
        author: "Sophie Lambrechts",
        published_on: "2023-12-12",
        url: Some("https://example.nl/regelgeving/omgevingsplan"),
        reviewed: true,
        last_checked: Some("2026-09-15"),
    },
    DemoItem {
        slug: "wet-bibob",
        kind: "regulation",
        title: "Wet Bibob: integriteitstoets bij vergunningen en vastgoed",
        summary: "Met de Wet Bibob kan de gemeente een vergunning weigeren of intrekken als er een ernstig gevaar is dat die voor criminele doeleinden wordt gebruikt. Zo werkt de toets.",
        body: "De Wet Bibob (Wet bevordering integriteitsbeoordelingen door het openbaar bestuur) helpt de overheid te voorkomen dat zij ongewild criminele activiteiten faciliteert. De gemeente kan een vergunning weigeren of intrekken als er een ernstig gevaar is dat die wordt gebruikt om strafbare feiten te plegen of om crimineel verkregen geld te benutten. Daarmee is de wet een belangrijk instrument tegen ondermijning.\n\n\
               ## Wanneer wordt getoetst?\n\n\
               De gemeente legt in beleid vast bij welke beschikkingen en transacties een Bibob-toets plaatsvindt. In veel gemeenten gaat het om:\n\n\
               - exploitatievergunningen voor horeca en vergunningen op grond van de Alcoholwet;\n\
               - vergunningen voor speelautomatenhallen en seksinrichtingen;\n\
               - omgevingsvergunningen voor grotere bouwprojecten;\n\
               - vastgoedtransacties en subsidies waarbij de gemeente zelf partij is.\n\n\
               ## Hoe werkt het?\n\n\
               De aanvrager vult een vragenlijst in over de zeggenschap en de financiering van het bedrijf. De gemeente raadpleegt openbare en eigen bronnen. Bij twijfel kan ze advies vragen aan het Landelijk Bureau Bibob, dat toegang heeft tot meer informatie, onder meer uit justitiële registers. Dat advies is niet openbaar.\n\n\
               ## Wat betekent dit voor de kerngebieden?\n\n\
               Een Bibob-toets bij de start van een horecazaak of bij een vastgoedtransactie met de gemeente maakt een gebied minder aantrekkelijk voor criminele investeerders. Particuliere eigenaren kunnen de wet niet zelf toepassen, maar kunnen wel hun eigen huurders screenen en signalen melden bij de gemeente.",
        themes: &["undermining"],
        segments: &["Veiligheid en ondermijning"],
        areas: &[],
        source: "Gemeente, team Ondermijning",
        author: "Ahmed Benali",
        published_on: "2021-05-11",
        url: Some("https://example.nl/regelgeving/bibob"),
        reviewed: true,
        last_checked: Some("2026-08-03"),
    },
    DemoItem {
        slug: "apv-terrassen-en-uitstallingen",
        kind: "regulation",
        title: "APV: terrassen, uitstallingen en reclameborden op straat",
        summary: "De APV regelt wat ondernemers op de stoep mogen zetten: terrassen, uitstallingen en reclameborden. Een overzicht van de regels en waarom een vrije looproute telt.",
        body: "De Algemene Plaatselijke Verordening (APV) bevat de gemeentelijke regels voor het gebruik van de openbare ruimte. Voor ondernemers in winkelgebieden gaat het vooral om terrassen, uitstallingen van koopwaar en losse reclameborden op de stoep.\n\n\
               ## Terrassen\n\n\
               Voor een terras is in de meeste gevallen een vergunning of melding nodig. Daarin staan de afmetingen, de openingstijden en voorwaarden, bijvoorbeeld over meubilair en windschermen. Wie buiten de toegestane maten gaat, riskeert een last onder dwangsom.\n\n\
               ## Uitstallingen en reclameborden\n\n\
               - Uitstallingen zijn toegestaan binnen een strook direct langs de gevel, vaak maximaal een meter breed.\n\
               - Per onderneming mag meestal één los reclamebord buiten staan, binnen dezelfde strook.\n\
               - Er moet altijd een vrije looproute overblijven, zodat mensen met een rolstoel, rollator of kinderwagen kunnen passeren.\n\
               - Buiten openingstijden gaan uitstallingen en borden naar binnen.\n\n\
               ## Afstemmen in het gebied\n\n\
               Veel gebieden maken met de gemeente een eigen plan voor terrassen en uitstallingen, afgestemd op de breedte van de stoep en het karakter van de straat. Dat voorkomt discussie achteraf en geeft ondernemers duidelijkheid. Let op: sinds de Omgevingswet kunnen sommige regels over het gebruik van de openbare ruimte in het omgevingsplan staan in plaats van in de APV. Kijk bij twijfel in beide.\n\n\
               De precieze regels verschillen per gemeente. Dit item beschrijft de hoofdlijnen van de APV van onze gemeente.",
        themes: &["public_space", "accessibility"],
        segments: &["Openbare ruimte en beleving"],
        areas: &[],
        source: "Gemeente, team Vergunningen",
        author: "Sophie Lambrechts",
        published_on: "2022-04-05",
        url: Some("https://example.nl/regelgeving/apv-terrassen"),
        reviewed: true,
        last_checked: Some("2026-07-21"),
    },
    DemoItem {
        slug: "wet-biz",
        kind: "regulation",
        title: "Wet BIZ: draagvlakmeting, heffing en looptijd",
        summary: "De Wet op de bedrijveninvesteringszones regelt hoe ondernemers of eigenaren samen een verplichte bijdrage kunnen afspreken. De spelregels van de draagvlakmeting op een rij.",
        body: "De Wet op de bedrijveninvesteringszones (Wet BIZ) maakt het mogelijk dat de gemeente in een afgebakend gebied een heffing oplegt, waarvan de opbrengst als subsidie naar een vereniging of stichting van ondernemers of eigenaren gaat. Die organisatie gebruikt het geld voor activiteiten die de kwaliteit van het gebied verbeteren, aanvullend op wat de gemeente al doet.\n\n\
               ## Spelregels\n\n\
               - **Looptijd**: een BIZ duurt maximaal vijf jaar. Daarna zijn een nieuwe verordening en een nieuwe draagvlakmeting nodig.\n\
               - **Bijdrageplichtigen**: gebruikers (ondernemers), eigenaren of beide, afhankelijk van de keuze in de verordening.\n\
               - **Draagvlak**: een BIZ komt alleen tot stand als ten minste de helft van de bijdrageplichtigen aan de meting deelneemt, ten minste twee derde van de deelnemers voor stemt, en de voorstemmers samen een grotere WOZ-waarde vertegenwoordigen dan de tegenstemmers.\n\
               - **Heffing**: de gemeente int de bijdrage, meestal op basis van de WOZ-waarde, en kan een drempel instellen waaronder niet wordt geheven.\n\n\
               ## Rol van de gemeente\n\n\
               De gemeente stelt de verordening vast, organiseert de draagvlakmeting en stelt de uitslag vast. Daarnaast sluit ze een uitvoeringsovereenkomst met de BIZ-organisatie en legt ze vast welk niveau van dienstverlening de gemeente zelf blijft leveren. Zo wordt voorkomen dat de BIZ taken van de gemeente overneemt.\n\n\
               ## Praktisch\n\n\
               Reken op enkele maanden voorbereiding voor de verordening en de meting. Bij een herstemming na vijf jaar gelden dezelfde regels als de eerste keer; begin daarom ruim op tijd.",
        themes: &["organisation"],
        segments: &["Financiering"],
        areas: &[],
        source: "Gemeente, juridische zaken",
        author: "Carla Zwart",
        published_on: "2019-08-27",
        url: Some("https://example.nl/regelgeving/wet-biz"),
        reviewed: true,
        last_checked: Some("2026-03-02"),
    },
    DemoItem {
        slug: "functiewijziging-winkelpand",
        kind: "regulation",
        title: "Functiewijziging: van winkel naar wonen, horeca of dienstverlening",
        summary: "Mag een winkelpand zomaar een kapsalon, lunchroom of woning worden? Wanneer een functiewijziging is toegestaan, en wanneer je een omgevingsvergunning nodig hebt.",
        body: "Een winkel die een andere functie krijgt, lijkt een kleine verandering. Juridisch is het dat niet altijd. Het omgevingsplan bepaalt per locatie welke functies zijn toegestaan, bijvoorbeeld 'detailhandel', 'dienstverlening' of 'gemengd'. Past de nieuwe functie daar niet in, dan is een omgevingsvergunning nodig.\n\n\
               ## Veelvoorkomende situaties\n\n\
               - **Winkel naar dienstverlening**, zoals een kapsalon of reisbureau: vaak toegestaan binnen een gemengde functie, soms met beperkingen.\n\
               - **Winkel naar horeca**: vrijwel altijd vergunningplichtig, vanwege mogelijke overlast voor omwonenden. Daarnaast is een exploitatievergunning nodig.\n\
               - **Winkel naar wonen**: meestal is een omgevingsvergunning nodig, plus een bouwkundige toets aan de eisen voor woningen.\n\
               - **Winkel naar maatschappelijke functie**, zoals een huisartsenpraktijk: afhankelijk van het omgevingsplan.\n\n\
               ## Beoordeling\n\n\
               Bij een aanvraag weegt de gemeente af of de nieuwe functie past in de omgeving. Daarbij spelen onder meer geluid, parkeren, de samenhang van het winkelgebied en de gebiedsvisie een rol. Een aanvraag die aansluit bij een afgesproken visie voor het gebied, bijvoorbeeld een kleiner kernwinkelgebied, heeft meer kans van slagen.\n\n\
               ## Tip\n\n\
               Vraag vóór de aanvraag een vooroverleg aan. De gemeente kan dan aangeven of een vergunning nodig is en wat er in de aanvraag moet staan. Dat scheelt tijd en kosten.",
        themes: &["vacancy", "sector_mix"],
        segments: &["Vastgoed en leegstand"],
        areas: &[],
        source: "Gemeente, team Vergunningen",
        author: "Daphne Smeets",
        published_on: "2024-05-21",
        url: None,
        reviewed: true,
        last_checked: Some("2026-06-26"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    const KINDS: &[&str] = &[
        "article",
        "instrument",
        "practice",
        "research",
        "session_report",
        "recording",
        "regulation",
    ];
    const THEMES: &[&str] = &[
        "vacancy",
        "public_space",
        "branding",
        "undermining",
        "accessibility",
        "sustainability",
        "organisation",
        "safety",
        "sector_mix",
    ];
    /// The segment names of `STUURWIEL_SEGMENTS` in `demo.rs`.
    const SEGMENTS: &[&str] = &[
        "Visie en ambitie",
        "Organisatie en samenwerking",
        "Financiering",
        "Vastgoed en leegstand",
        "Openbare ruimte en beleving",
        "Marketing en branding",
        "Veiligheid en ondermijning",
    ];
    /// The slugs of `AREAS` in `demo.rs`.
    const AREAS: &[&str] = &[
        "binnenstad",
        "stationskwartier",
        "brugstraat",
        "lindenplein",
        "stadshart-noord",
        "vogelenzang",
        "kastanjelaan",
        "molenstraat",
        "sterrenplein",
        "marktplein-zuid",
        "parkhof",
        "de-meerhoek",
        "kanaalweg",
        "havenstraat",
        "hoge-weide",
        "lange-akker",
        "dorpsstraat-oudewijk",
        "tuindorp",
    ];

    fn is_valid_date(date: &str) -> bool {
        let bytes = date.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return false;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &date[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10))
        else {
            return false;
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days_in_month).contains(&day)
    }

    /// Blocks separated by a blank line, not counting headings.
    fn paragraphs(body: &str) -> usize {
        body.split("\n\n")
            .map(str::trim)
            .filter(|block| !block.is_empty() && !block.starts_with('#'))
            .count()
    }

    /// Lowercase words, as a simple full-text tokenizer would see them.
    fn words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    /// Whether `text` holds `phrase` as consecutive whole words.
    fn has_phrase(text: &str, phrase: &str) -> bool {
        let text = words(text);
        let phrase = words(phrase);
        text.windows(phrase.len())
            .any(|window| window == phrase.as_slice())
    }

    #[test]
    fn there_are_45_items() {
        assert_eq!(DEMO_ITEMS.len(), 45);
    }

    #[test]
    fn slugs_are_unique_and_valid() {
        let mut seen = HashSet::new();
        for item in DEMO_ITEMS {
            assert!(
                (2..=100).contains(&item.slug.len())
                    && item
                        .slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !item.slug.starts_with('-')
                    && !item.slug.ends_with('-')
                    && !item.slug.contains("--"),
                "invalid slug {:?}",
                item.slug
            );
            assert!(seen.insert(item.slug), "duplicate slug {:?}", item.slug);
        }
    }

    #[test]
    fn titles_summaries_and_bodies_have_sensible_lengths() {
        for item in DEMO_ITEMS {
            let title = item.title.chars().count();
            assert!(
                (10..=120).contains(&title),
                "{}: title of {title} chars",
                item.slug
            );
            assert_eq!(item.title, item.title.trim(), "{}: title", item.slug);

            let summary = item.summary.chars().count();
            assert!(
                (1..=300).contains(&summary),
                "{}: summary of {summary} chars",
                item.slug
            );
            assert_eq!(item.summary, item.summary.trim(), "{}: summary", item.slug);
            assert!(
                !item.summary.contains('\n'),
                "{}: summary has a newline",
                item.slug
            );

            let body = item.body.chars().count();
            assert!(
                (600..=2500).contains(&body),
                "{}: body of {body} chars",
                item.slug
            );
            let count = paragraphs(item.body);
            assert!(
                (2..=6).contains(&count),
                "{}: {count} paragraphs",
                item.slug
            );
            assert_eq!(item.body, item.body.trim(), "{}: body", item.slug);
            assert!(
                !item.body.contains("\n\n\n"),
                "{}: triple newline",
                item.slug
            );
            assert!(!item.body.contains(" \n"), "{}: trailing space", item.slug);
            assert!(
                !item.body.contains('\t') && !item.body.contains('\r'),
                "{}",
                item.slug
            );
        }
    }

    #[test]
    fn kinds_are_valid_and_each_used_at_least_four_times() {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for item in DEMO_ITEMS {
            assert!(
                KINDS.contains(&item.kind),
                "{}: kind {:?}",
                item.slug,
                item.kind
            );
            *counts.entry(item.kind).or_default() += 1;
        }
        for kind in KINDS {
            let count = counts.get(kind).copied().unwrap_or(0);
            assert!(count >= 4, "kind {kind} used {count} times");
        }
    }

    #[test]
    fn themes_are_valid_and_each_used_at_least_four_times() {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for item in DEMO_ITEMS {
            assert!(
                (1..=3).contains(&item.themes.len()),
                "{}: themes",
                item.slug
            );
            let unique: HashSet<_> = item.themes.iter().collect();
            assert_eq!(
                unique.len(),
                item.themes.len(),
                "{}: repeated theme",
                item.slug
            );
            for theme in item.themes {
                assert!(THEMES.contains(theme), "{}: theme {theme:?}", item.slug);
                *counts.entry(theme).or_default() += 1;
            }
        }
        for theme in THEMES {
            let count = counts.get(theme).copied().unwrap_or(0);
            assert!(count >= 4, "theme {theme} used {count} times");
        }
    }

    #[test]
    fn segments_and_areas_match_the_demo_data() {
        for item in DEMO_ITEMS {
            assert!(item.segments.len() <= 2, "{}: segments", item.slug);
            assert!(item.areas.len() <= 2, "{}: areas", item.slug);
            for segment in item.segments {
                assert!(
                    SEGMENTS.contains(segment),
                    "{}: segment {segment:?}",
                    item.slug
                );
            }
            for area in item.areas {
                assert!(AREAS.contains(area), "{}: area {area:?}", item.slug);
            }
            let segments: HashSet<_> = item.segments.iter().collect();
            let areas: HashSet<_> = item.areas.iter().collect();
            assert_eq!(segments.len(), item.segments.len(), "{}", item.slug);
            assert_eq!(areas.len(), item.areas.len(), "{}", item.slug);
        }
    }

    #[test]
    fn dates_are_valid_and_in_range() {
        for item in DEMO_ITEMS {
            assert!(
                is_valid_date(item.published_on),
                "{}: published_on",
                item.slug
            );
            assert!(
                ("2019-01-01"..="2026-10-31").contains(&item.published_on),
                "{}: published_on {} out of range",
                item.slug,
                item.published_on
            );
            if let Some(checked) = item.last_checked {
                assert!(is_valid_date(checked), "{}: last_checked", item.slug);
                assert!(
                    checked >= item.published_on && checked <= "2026-10-31",
                    "{}: last_checked {checked} out of range",
                    item.slug
                );
            }
            if item.reviewed {
                assert!(
                    item.last_checked.is_some(),
                    "{}: reviewed but never checked",
                    item.slug
                );
            }
        }
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(!is_valid_date("2024-13-01"));
        assert!(!is_valid_date("2024-1-01"));
    }

    #[test]
    fn urls_point_only_to_example_domains() {
        for item in DEMO_ITEMS {
            if let Some(url) = item.url {
                assert!(
                    url.starts_with("https://example.org/")
                        || url.starts_with("https://example.nl/"),
                    "{}: url {url}",
                    item.slug
                );
                assert!(!url.contains(' '), "{}: url {url}", item.slug);
            }
        }
    }

    #[test]
    fn sources_and_authors_are_filled() {
        for item in DEMO_ITEMS {
            assert!(!item.source.trim().is_empty(), "{}: source", item.slug);
            assert!(!item.author.trim().is_empty(), "{}: author", item.slug);
        }
    }

    #[test]
    fn search_words_occur_in_titles_and_only_in_bodies() {
        for phrase in [
            "leegstand",
            "ondermijning",
            "openbare ruimte",
            "BIZ",
            "ondernemersfonds",
        ] {
            let in_title = DEMO_ITEMS
                .iter()
                .filter(|i| has_phrase(i.title, phrase))
                .count();
            let body_only = DEMO_ITEMS
                .iter()
                .filter(|i| has_phrase(i.body, phrase) && !has_phrase(i.title, phrase))
                .count();
            assert!(in_title >= 1, "{phrase:?} in no title");
            assert!(
                body_only >= 2,
                "{phrase:?} only in the body of {body_only} items"
            );
        }
        // Both words, but never side by side: a phrase search must not find this item.
        assert!(DEMO_ITEMS.iter().any(|i| {
            let body = words(i.body);
            body.iter().any(|w| w == "openbare")
                && body.iter().any(|w| w == "ruimte")
                && !has_phrase(i.body, "openbare ruimte")
                && !has_phrase(i.title, "openbare ruimte")
        }));
    }

    #[test]
    fn some_items_use_diacritics() {
        let text = |i: &DemoItem| format!("{} {} {}", i.title, i.summary, i.body);
        for word in [
            "café",
            "financiële",
            "coördinator",
            "ideeën",
            "reïntegratie",
            "één",
        ] {
            assert!(
                DEMO_ITEMS
                    .iter()
                    .any(|i| words(&text(i)).iter().any(|w| w == word)),
                "no item contains {word:?}"
            );
        }
        let titles_with_diacritics = DEMO_ITEMS.iter().filter(|i| !i.title.is_ascii()).count();
        assert!(
            titles_with_diacritics >= 3,
            "{titles_with_diacritics} titles with diacritics"
        );
    }
}
