/**
 * The words of the living demo: Dutch texts the content seed (seed/demo-content.ts) draws from.
 * `{m}` is replaced by an @mention of a colleague, `{loc}` by a location, `{dept}` by a department.
 */

export const COMPANY_POSTS: string[] = [
  'Vanochtend de nieuwe 5G-mast in {loc} live gezet. Top werk van het hele buitendienstteam! #5G #netwerk',
  'Wie heeft er tips voor een goede koffiebar in de buurt van ons kantoor in {loc}? #koffie',
  'Fijne eerste week gehad bij {dept}. Dank aan {m} voor het warme welkom! #welkom',
  'De klanttevredenheid in de winkels is deze maand gestegen naar een 8,1. Dat is jullie verdienste! #klantenservice',
  'Reminder: vrijdag om 16:00 vrijdagmiddagborrel in de kantine. Neem je collega\'s mee! #borrel',
  'Mooie les van vandaag: een storing is pas opgelost als de klant het merkt. #storing #klantenservice',
  'Glasvezel in {loc}: we zitten op 62% aansluitingen in de eerste wijk. Volgende week start fase 2. #glasvezel',
  'Iemand ervaring met de nieuwe iPhone en eSIM-overzetten bij zakelijke klanten? {m} weet jij dit? #iphone',
  'Ons team heeft 4 kilo zwerfafval opgeruimd rond het kantoor. Wie doet volgende maand mee? #duurzaamheid',
  'De hackathon van volgende maand heeft al 23 aanmeldingen. Ideeën voor een thema? #hackathon',
  'Trots op {m}: zij heeft de certificering voor netwerkbeveiliging gehaald! #leren',
  'Vandaag 340 klantgesprekken gevoerd, gemiddelde wachttijd onder de 2 minuten. Knap werk! #klantenservice',
  'Nieuwe parkeerregeling in {loc} vanaf 1 februari: fiets krijgt voorrang, meer laadpalen. #duurzaamheid',
  'Wie gaat er mee lunchwandelen om 12:30? Vertrek bij de hoofdingang. #gezondheid',
  'Het nieuwe abonnement voor jongeren gaat volgende week live. Dank aan {dept} voor het harde werken! #lancering',
  'Tip: in de app zie je nu per wijk de status van de glasvezelaanleg. Handig voor klantvragen. #glasvezel',
  'Vanmiddag een klant geholpen die al 30 jaar bij ons is. Mooi gesprek over hoe telefonie veranderd is. #klantenservice',
  'Onze storingsdienst is dit weekend 14 keer uitgerukt, allemaal binnen de norm. Dank aan iedereen van de nacht. #netwerk',
  'Wie heeft er nog een oplader voor de vergaderzaal op de derde verdieping? Die is weer weg. #kantoor',
  'De kerstborrel-commissie zoekt nog 2 vrijwilligers. Meld je bij {m}! #borrel',
  'Het datacenter in {loc} draait sinds deze week op 100% groene stroom. #duurzaamheid',
  'Kort verslag van de klantendag: veel vragen over wifi thuis en over de nieuwe modem. #klantenservice',
  'We zoeken testers voor de nieuwe selfservice-omgeving. Wie heeft een uurtje? #product',
  'Eerste week met het nieuwe planningssysteem voor monteurs: 15% minder reistijd. #netwerk',
  'Goed gesprek gehad met {m} over mentoring. Aanrader voor iedereen die net begint. #leren',
  'Vandaag 10 jaar in dienst! Dank aan alle collega\'s voor de mooie jaren. #jubileum',
  'De nieuwe pantry in {loc} is open. Er is zelfs havermelk. #kantoor',
  'Wist je dat 40% van onze klantvragen over facturen gaat? We gaan de factuur eenvoudiger maken. #product',
  'Leuk om de nieuwe stagiairs van {dept} te ontmoeten. Welkom allemaal! #welkom',
  'Zoekt iemand nog een plek in de carpool vanuit {loc}? Ik rij dagelijks om 7:45. #duurzaamheid',
  'Netwerkonderhoud komende nacht tussen 01:00 en 05:00 in regio {loc}. Klanten zijn geïnformeerd. #netwerk',
  'Superblij met de feedback op de nieuwe app: 4,6 sterren in de eerste week. #product #lancering',
  'Boekentip voor het weekend: "Nooit meer te laat" over plannen zonder stress. Wie heeft nog tips? #leren',
  'De koffiemachine op de tweede is eindelijk gerepareerd. Feest! #koffie',
  'Mooi voorbeeld van samenwerken: {dept} en klantenservice losten samen een lastige storing op binnen een uur. #samenwerken',
  'Wie doet er mee aan de Dam tot Damloop? We hebben al een team van 8. #sport',
  'Vandaag de eerste klant in {loc} aangesloten op het nieuwe glasvezelnetwerk! #glasvezel',
  'De resultaten van het medewerkersonderzoek komen volgende week. Dank aan iedereen die meedeed. #organisatie',
  'Heeft iemand ervaring met Face ID-problemen na de laatste iOS-update? Klanten bellen er veel over. #iphone',
  'Hulp gezocht: wie kan ons team helpen met een workshop Excel voor beginners? #leren',
  'Vandaag de laatste koperkast in {loc} uitgezet. Een stukje geschiedenis, maar glasvezel is de toekomst. #glasvezel',
  'Onze monteurs in {loc} hebben deze week 180 huizen aangesloten. Een record! #netwerk',
  'Wie weet hoe ik in het nieuwe verlofsysteem een halve dag aanvraag? Ik kom er niet uit. #vraag',
  'Geweldige sessie gehad over toegankelijkheid in onze app. Eye-opener voor het hele team. #product',
  'De ondernemingsraad zoekt nieuwe leden. Interesse? Spreek {m} aan. #organisatie',
  'In de winkel in {loc} hadden we vandaag een klant van 92 die haar eerste smartphone kocht. Prachtig. #winkels',
  'Nieuwe routerinstellingen uitgerold: klanten hebben gemiddeld 20% sneller wifi. #product',
  'Tip voor thuiswerkers: zet je router niet in de meterkast. Scheelt enorm! #wifi',
  'We hebben het aantal terugbelverzoeken gehalveerd dankzij de nieuwe chatbot. Dank aan {dept}! #klantenservice',
  'Morgen staan we met een stand op de banenmarkt in {loc}. Kom gerust langs. #werving',
  'Wat een opkomst bij de lunchlezing over cybersecurity. Slides volgen. #security',
  'Let op phishingmails die lijken te komen van de salarisadministratie. Klik niet op de link! #security',
  'Het team van {dept} heeft vandaag de kwartaaldoelen gehaald. Taart voor iedereen! #feest',
  'Eerste dag terug na zwangerschapsverlof. Fijn om iedereen weer te zien! #welkom',
  'Hoe gaan jullie om met vergaderingen zonder agenda? Wij proberen nu: geen agenda, geen meeting. #werken',
  'Onze stagiair heeft een dashboard gebouwd dat storingen per wijk toont. Indrukwekkend! #data',
  'De nieuwe wachtmuziek van de klantenservice is gekozen door jullie stemmen. Dank! #klantenservice',
  'Zaterdag is de open dag van ons netwerkcentrum in {loc}. Familie is welkom. #netwerk',
  'Iemand zin in een potje tafeltennis na het werk? De tafel staat op de eerste verdieping. #sport',
  'Dank aan {m} voor de hulp bij de migratie van het klantsysteem dit weekend. #samenwerken',
  'Onze 5G-dekking langs de A2 is nu volledig. Geen gaten meer tussen Utrecht en Eindhoven. #5G',
  'De kantine serveert vanaf maandag elke dag een vegetarisch gerecht. #gezondheid',
  'Herinnering: vul je uren vóór vrijdag in, anders schuift de facturatie. #administratie',
  'Onze klant-app heeft nu een donkere modus. Eindelijk! #product',
  'Wie wil meedenken over het nieuwe kantoor in {loc}? We zoeken een klankbordgroep. #kantoor',
  'We hebben een Slack-achtige chat getest, maar Plein bevalt ons team beter. #plein',
  'Mooie reactie van een klant op Twitter over onze monteur {m}. Trots! #klantenservice',
  'Binnenkort in de winkels: de nieuwe tablets met 5G. Training voor winkelpersoneel volgt. #winkels',
  'De verhuizing van de serverruimte is gelukt, zonder één minuut downtime. #it',
  'Wie heeft er een goede podcast-tip over leiderschap? #leren',
];

export const GROUP_POSTS: Record<string, string[]> = {
  iphone: [
    'De nieuwe iPhone ligt vanaf vrijdag in de winkels. Wie gaat er in de rij staan? #iphone',
    'Tip: met de Actieknop kun je direct je hotspot aanzetten. Handig onderweg. #iphone',
    'Iemand al de batterijduur van iOS 26 getest? Bij mij 10% beter. #iphone',
    'eSIM overzetten van Android naar iPhone gaat nu in 3 stappen. Ik heb een handleiding gemaakt. #iphone',
    'Welke hoesje gebruiken jullie? Ik zoek er een dat een val van de trap overleeft. #iphone',
    'Foto gemaakt met de nieuwe camera in nachtmodus. Best indrukwekkend! #iphone',
    'Vraag van een klant: werkt wifi-bellen op de iPhone met onze zakelijke bundel? Ja, sinds deze maand! #iphone',
  ],
  hardlopen: [
    'Zondag 10 km gelopen langs de Maas. Wie loopt er volgende keer mee? #sport',
    'Trainingsschema voor de halve marathon staat in de bestanden. #sport',
    'Nieuwe schoenen getest: geen blaren meer! #sport',
  ],
  glasvezel: [
    'Stand van zaken fase 2: 1.200 huizen aangesloten, 300 gepland voor volgende week. #glasvezel',
    'Planning voor de wijk Oost is verschoven door vergunningen. Nieuwe datum volgt. #glasvezel',
    'Risico: levering van ONT-kastjes loopt 2 weken vertraging op. Alternatieve leverancier gevonden. #glasvezel',
  ],
  salaris: [
    'De loonstroken van december staan klaar in het portaal. #salaris',
    'Let op: de eindejaarsuitkering wordt dit jaar op 20 november uitbetaald. #salaris',
  ],
  reorganisatie: [
    'Vertrouwelijk: de eerste gesprekken met de ondernemingsraad zijn goed verlopen.',
    'Volgende stap: plan voor communicatie naar de teams vóór 1 februari.',
  ],
  koffie: [
    'Nieuwe bonen in de kantine: een Ethiopische single origin. Meningen? #koffie',
    'Wie wil er een barista-workshop? Ik heb een aanbod van een branderij in Utrecht. #koffie',
  ],
};

export const EMPLOYEE_POSTS: string[] = [
  'Voor collega\'s in loondienst: de pensioenregeling wordt per 1 januari aangepast. Info volgt via HR. #pensioen',
  'Vergeet niet je verlofuren van dit jaar op te nemen vóór 31 maart. #verlof',
  'De nieuwe fietsregeling voor medewerkers in loondienst staat open. Aanvragen kan tot eind van de maand. #fietsplan',
  'Eindejaarsuitkering: de bedragen staan volgende week op je loonstrook. #salaris',
  'Het personeelsfeest is dit jaar in Utrecht. Partners zijn welkom! #personeelsfeest',
];

export const CAMPAIGN_TEXT =
  'Vanaf vandaag is ons nieuwe Unlimited 5G-abonnement beschikbaar: onbeperkt data, 5G overal in Nederland en 3 maanden Disney+ cadeau. Vertel het je vrienden en familie! #Unlimited5G';

/** Personal versions: the first two keep the campaign text under a line of one's own (they join the campaign, personalised). */
export const CAMPAIGN_PERSONAL: string[] = [
  'Mijn ouders zijn al om! Vanaf vandaag is ons nieuwe Unlimited 5G-abonnement beschikbaar: onbeperkt data, 5G overal in Nederland en 3 maanden Disney+ cadeau. Vertel het je vrienden en familie! #Unlimited5G',
  'Als monteur weet ik hoeveel werk hierin zit. Vanaf vandaag is ons nieuwe Unlimited 5G-abonnement beschikbaar: onbeperkt data, 5G overal in Nederland en 3 maanden Disney+ cadeau. #Unlimited5G',
  'Ik gebruik het nieuwe Unlimited 5G-abonnement al een week als tester: in de trein naar Groningen geen enkele keer bereik verloren. Echt een aanrader, ook voor je ouders. #Unlimited5G',
  'Eerlijk verhaal: ik was sceptisch over onbeperkt data, maar mijn kinderen streamen nu zonder dat ik me zorgen maak over de rekening. Unlimited 5G is vanaf vandaag te koop. #Unlimited5G',
  'Waar ik trots op ben: ons netwerkteam heeft 2 jaar gewerkt aan de dekking die Unlimited 5G mogelijk maakt. Vandaag is het zover! #Unlimited5G',
  'Voor wie twijfelt: vraag bij de winkel naar Unlimited 5G, mijn collega\'s in Zwolle leggen het graag uit. #Unlimited5G',
];

export const REPLIES: string[] = [
  'Goed gedaan!',
  'Dank voor het delen.',
  'Helemaal mee eens.',
  'Ik doe mee!',
  'Wat een mooi resultaat, gefeliciteerd!',
  'Interessant, kun je er meer over vertellen?',
  'Dit hebben we bij ons team ook gemerkt.',
  'Top! Ik stuur het door naar mijn team.',
  'Goede vraag, ik zoek het voor je uit.',
  'Is dit ook voor collega\'s in {loc}?',
  'Haha, herkenbaar.',
  'Wanneer komt het volgende overzicht?',
  'Super, eindelijk!',
  'Ik heb er een handleiding voor, stuur ik je zo.',
  'Mooi initiatief, ik meld me aan.',
  '{m} dit is misschien iets voor jou?',
  'Dank je, dit helpt enorm.',
  'Hoe zit het met de planning voor volgend kwartaal?',
];

export const RESHARE_NOTES: string[] = [
  'Belangrijk voor iedereen bij klantenservice!',
  'Mooi werk van de collega\'s, even delen.',
  'Dit moet iedereen weten.',
  'Ook voor ons team relevant.',
  'Trots op dit team!',
  '',
  'Lees dit even, {m}.',
  'Goede tip!',
];

export const HR_BLOG = {
  title: 'Stand van zaken cao-onderhandelingen',
  body: `<p>Beste collega's,</p>
<p>Afgelopen weken hebben we drie keer met de vakbonden om tafel gezeten over de nieuwe cao. Ik wil jullie graag open vertellen waar we staan.</p>
<h2>Waar we het over eens zijn</h2>
<ul><li>Een structurele loonsverhoging van 3,5% per 1 april.</li><li>Meer ruimte voor thuiswerken, met een vaste thuiswerkvergoeding.</li><li>Een opleidingsbudget van € 1.000 per jaar voor iedereen.</li></ul>
<h2>Waar we nog niet uit zijn</h2>
<p>De vakbonden vragen 5% en een extra vrije dag. Daar praten we volgende week verder over. Ik begrijp dat dit voor velen van jullie belangrijk is.</p>
<p>Heb je vragen? Stel ze hieronder, ik beantwoord ze zelf.</p>
<p>Hendrik de Ruijter, directeur HR</p>`,
  comments: [
    { text: '3,5% is minder dan de inflatie van vorig jaar. Hoe kan dat een goed bod zijn?', answer: 'Terechte vraag. De 3,5% komt bovenop de 4% van vorig jaar; samen liggen we boven de inflatie. Maar ik hoor je, en we nemen het mee.' },
    { text: 'Wat betekent de thuiswerkvergoeding voor collega\'s in de winkels die niet thuis kunnen werken?', answer: 'Voor hen komt er een reiskostenregeling die even veel waard is. Dat werken we uit met de OR.' },
    { text: 'Waarom horen we dit pas nu? De onderhandelingen lopen al maanden.', answer: 'Je hebt gelijk dat we eerder hadden moeten communiceren. Vanaf nu schrijf ik na elk overleg een update.' },
    { text: 'Geldt het opleidingsbudget ook voor externe collega\'s?', answer: 'De cao geldt voor collega\'s in loondienst. Voor externe collega\'s kijken we samen met hun bureaus naar opleidingen.' },
    { text: 'Een extra vrije dag zou echt helpen voor de werkdruk bij de storingsdienst.', answer: null },
    { text: 'Dank voor de openheid, Hendrik. Goed om te lezen.', answer: null },
  ],
};

export const FEATURED_BLOG = {
  title: 'Tien jaar glasvezel: van proefwijk tot 1 miljoen aansluitingen',
  body: `<p>In 2016 sloten we in een proefwijk in Zwolle de eerste 200 huizen aan op glasvezel. Vandaag passeren we de grens van 1 miljoen aansluitingen.</p>
<p>Wat begon als een experiment van een klein team bij Netwerkbeheer, is nu het hart van ons bedrijf. Dank aan alle monteurs, planners en klantenservicemedewerkers die dit mogelijk maakten.</p>
<h2>Wat komt er nu?</h2>
<p>De komende twee jaar richten we ons op het platteland, waar nog veel huishoudens op koper zitten. Daar is glasvezel het verschil tussen wel of niet thuis kunnen werken.</p>`,
  tags: ['glasvezel', 'jubileum'],
};

export const SCHEDULED_BLOG = {
  title: 'Onze plannen voor het nieuwe jaar',
  body: '<p>In deze blog vertel ik wat we volgend jaar samen gaan doen: minder storingen, snellere klantenservice en meer aandacht voor elkaar.</p>',
};

export const OTHER_BLOGS: { uidHint: string; title: string; body: string; tags: string[] }[] = [
  { uidHint: 'NET', title: 'Een nacht bij de storingsdienst', body: '<p>Om 02:14 ging mijn telefoon: een glasvezelkabel doorgegraven in Rotterdam-Zuid. Een verslag van een nacht die eindigde met een tevreden ziekenhuis en een kop koffie bij zonsopgang.</p>', tags: ['storing', 'netwerk'] },
  { uidHint: 'IT', title: 'Waarom we overstappen op kleine releases', body: '<p>Sinds maart releasen we de app elke week in plaats van elk kwartaal. Minder risico, sneller feedback. Dit is wat we leerden.</p>', tags: ['product', 'leren'] },
  { uidHint: 'CARE', title: 'Wat klanten ons écht vragen', body: '<p>We analyseerden 10.000 gesprekken. De top 3: facturen, wifi thuis en verhuizen. Over elk van die drie schrijf ik hoe we het eenvoudiger maken.</p>', tags: ['klantenservice'] },
];

export const OUTAGE = {
  title: 'Storing mobiel internet regio Rotterdam',
  services: ['Mobiel internet', '4G', '5G'],
  regions: ['Rotterdam', 'Schiedam'],
  updates: [
    { status: 'investigating', text: 'Klanten in Rotterdam melden dat mobiel internet niet werkt. We onderzoeken de oorzaak.', minutes: 0 },
    { status: 'identified', text: 'Oorzaak gevonden: een defecte router in het knooppunt Rotterdam-Zuid. Monteurs zijn onderweg.', minutes: 35 },
    { status: 'monitoring', text: 'De router is vervangen, het verkeer loopt weer. We houden het netwerk in de gaten.', minutes: 110 },
    { status: 'resolved', text: 'De storing is opgelost. Excuses voor het ongemak; getroffen zakelijke klanten krijgen een compensatie.', minutes: 180 },
  ],
};

export const ACTIVE_NOTICE = {
  title: 'Trage verbinding zakelijk internet Groningen',
  services: ['Zakelijk internet'],
  regions: ['Groningen'],
  text: 'Zakelijke klanten in Groningen melden een trage verbinding. We onderzoeken de oorzaak.',
};

export const VACANCIES = [
  {
    title: 'Netwerkengineer 5G',
    dept: 'NET',
    location: 'Rotterdam',
    hours: 40,
    employmentType: 'employee',
    externals: true,
    html: '<p>Wil jij het 5G-netwerk van Nederland mee bouwen? Je ontwerpt en beheert radiolocaties in de regio Rotterdam.</p><ul><li>HBO werk- en denkniveau</li><li>Ervaring met RAN of transmissie</li></ul>',
  },
  {
    title: 'Teamleider klantenservice',
    dept: 'CARE',
    location: 'Zwolle',
    hours: 36,
    employmentType: 'employee',
    externals: false,
    html: '<p>Je coacht een team van 12 klantenservicemedewerkers en zorgt dat klanten snel en goed geholpen worden. Alleen voor interne kandidaten.</p>',
  },
];

export const REPORTED_TEXT = 'Die nieuwe collega van Winkels snapt er echt helemaal niks van, wat een sukkel.';
export const DECIDED_TEXT = 'Koop nu goedkope zonnebrillen via mijn webshop!!! Link in mijn profiel, 50% korting voor collega\'s.';

export const HEADLINES: string[] = [
  'Maakt het netwerk sneller, één mast tegelijk',
  'Klantenservice met een glimlach',
  'Glasvezelfan en koffieliefhebber',
  'Werkt aan de app die je elke dag gebruikt',
  'Helpt collega\'s groeien',
  'Houdt van cijfers én mensen',
];
