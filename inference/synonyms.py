"""Words that name the same thing in a home: English, German, Dutch, French, Portuguese, Spanish and
Italian, and a device class and its brands.

Homes are named in one language and talked to in another: the helper is `input_boolean.holiday_mode`
but the request says "Urlaubsmodus"; the sensor is `kameraaktiv` and the request says "webcam". A
request word that belongs to a group here also looks for the group's other words among the home's
names (`lexical.py`), for a little less than the word itself would count.

German compounds are read by their parts: "Urlaubsmodus" holds "urlaub" (holiday) and "modus"
(mode); "Duschstatus" holds "dusch" (shower). A word that is a group word by itself is not split
("Schlafzimmer" is the bedroom, not a sleeping room). What a part found leaves of the word is read
too, however short ("tuin|verlichting", "Flur|licht").

The groups are naming vocabulary only (rooms, devices, appliances, household things). State words
("on", "aus", "offen") are left to the values and verbs, which know them per node.
"""

from __future__ import annotations

from functools import cache

SYNONYM_MATCH = 0.8
"""A translation or a synonym counts this much of the word it stands for."""
MIN_COMPOUND_PART = 5
"""Shorter group words are not looked for inside a compound ("bad" is in too many words, "auto"
starts "automatic")."""

MIN_LEFT_PART = 3
"""A group word that is all that is left of a compound beside a part found in it ("bad|licht")."""

SAME: tuple[tuple[str, ...], ...] = (
    # Places
    ("kitchen", "küche", "kueche", "keuken", "cuisine", "cozinha", "cocina", "cucina", "kjøkken", "kjøkkenet", "kök", "köket"),
    ("living room", "wohnzimmer", "lounge", "stube", "woonkamer", "salon", "séjour", "sala",
     "sala de estar", "soggiorno", "salotto", "stue", "stua", "stuen", "vardagsrum", "vardagsrummet"),
    ("bedroom", "schlafzimmer", "slaapkamer", "chambre", "quarto", "dormitorio", "habitación", "camera da letto", "soverom", "soverommet",
     "sovrum", "sovrummet"),
    ("master bedroom", "master suite", "suite", "suíte", "elternschlafzimmer", "ouderslaapkamer",
     "chambre parentale", "quarto principal", "dormitorio principal", "camera matrimoniale"),
    ("bathroom", "bath", "badezimmer", "bad", "badkamer", "salle de bain", "salle de bains", "sdb",
     "banheiro", "casa de banho", "baño", "bagno", "badet", "badrom", "badrommet", "badrum", "badrummet"),
    ("kids room", "children's room", "nursery", "kinderzimmer", "kinderkamer", "chambre enfant",
     "quarto das crianças", "cameretta"),
    ("office", "study", "büro", "arbeitszimmer", "kantoor", "werkkamer", "escritório", "despacho",
     "ufficio", "oficina", "kontor", "kontoret"),
    ("hallway", "hall", "corridor", "flur", "diele", "gang", "hal", "overloop", "couloir", "entrée",
     "corredor", "pasillo", "corridoio", "gangen", "hallen", "entré", "entréen"),
    ("stairs", "staircase", "treppe", "treppenhaus", "trap", "escalier", "escada", "escalera"),
    ("garden", "yard", "backyard", "garten", "tuin", "jardin", "jardim", "giardino", "quintal"),
    ("garage", "garaje", "garagem", "carport"),
    ("basement", "cellar", "keller", "kelder", "cave", "sous-sol", "porão", "sótano", "cantina"),
    ("attic", "loft", "dachboden", "zolder", "grenier", "sótão", "desván", "soffitta"),
    ("dining room", "esszimmer", "eetkamer", "salle à manger", "sala de jantar", "comedor",
     "sala da pranzo"),
    ("dining", "dining table", "esstisch", "eettafel"),
    ("guest room", "gästezimmer", "logeerkamer", "chambre d'amis", "quarto de hóspedes", "habitación de invitados",
     "camera degli ospiti"),
    ("laundry room", "laundry", "waschküche", "bijkeuken", "washok", "buanderie", "lavanderia", "lavandaria",
     "área de serviço", "lavadero", "vaskerom", "vaskerommet", "tvättstuga", "tvättstugan"),
    ("storage room", "storeroom", "pantry", "abstellkammer", "abstellraum", "vorratsraum",
     "berging", "débarras", "cellier", "despensa", "arrecadação", "trastero", "ripostiglio", "dispensa"),
    ("outdoor", "outside", "outdoors", "außen", "aussen", "draußen", "draussen", "buiten", "extérieur",
     "exterieur", "dehors", "esterno", "esterna", "lá fora", "ute", "utendørs", "utomhus"),
    ("terrace", "patio", "terrasse", "terras", "terraço", "terraza", "terrazzo", "varanda"),
    ("balcony", "balkon", "balcon", "sacada", "balcone"),
    ("entrance", "entry", "eingang", "ingang", "entree", "entrada", "ingresso"),
    ("front door", "haustür", "voordeur", "porte d'entrée", "porta da frente", "puerta principal",
     "porta d'ingresso", "ytterdør", "ytterdøra", "ytterdøren", "hoveddør", "hoveddøra", "hoveddøren", "inngangsdør",
     "ytterdörr", "ytterdörren", "entrédörr"),
    ("back door", "hintertür", "achterdeur", "porte arrière", "porta dos fundos", "puerta trasera"),
    ("backyard", "back garden", "achtertuin"),
    ("front yard", "front garden", "voortuin"),
    ("door", "tür", "deur", "porte", "porta", "puerta", "dør", "døra", "døren", "dörr", "dörren"),
    ("window", "fenster", "raam", "fenêtre", "janela", "ventana", "finestra", "vindu", "vinduet", "fönster", "fönstret"),
    ("gate", "tor", "hek", "poort", "portail", "portão", "portón", "cancello"),
    ("garage door", "garagentor", "garagentür", "garagedeur", "garage door opener", "garasjeport", "garasjeporten", "garageport",
     "garageporten"),
    ("wall", "wand", "mur", "parede", "pared", "parete"),
    ("ceiling", "decke", "plafond", "plafonnier", "teto", "techo", "soffitto"),
    ("floor", "boden", "chão", "suelo", "pavimento"),
    ("desk", "schreibtisch", "bureau", "scrivania"),
    ("bed", "bett", "cama", "letto"),
    ("bedside", "nachttisch", "chevet", "mesa de cabeceira", "mesita de noche", "comodino"),
    ("mirror", "spiegel", "miroir", "espelho", "espejo", "specchio"),
    ("cabinet", "cupboard", "schrank", "kast", "armoire", "placard", "armário", "armario", "armadio"),
    ("bar", "theke", "tresen"),
    ("floor lamp", "standing lamp", "stehlampe", "staande lamp", "vloerlamp", "lampadaire", "candeeiro de pé",
     "lámpara de pie", "lampada da terra"),
    ("cat flap", "cat door", "katzenklappe", "katzentür", "kattenluik"),
    ("ajar", "spalt", "schlitz", "kier"),
    ("house", "haus", "huis", "maison", "casa"),
    ("home", "zuhause", "thuis"),
    # Devices
    ("light", "lights", "lamp", "licht", "lichter", "lampe", "leuchte", "beleuchtung", "lampen",
     "verlichting", "lighting", "lumière", "lumières", "éclairage", "luz", "luzes", "lâmpada",
     "luces", "lámpara", "luce", "luci", "lampada", "lampade"),
    ("fairy lights", "string lights", "lichterkette", "guirlande", "pisca-pisca", "guirnalda"),
    ("blinds", "shutters", "shutter", "blind", "rollladen", "rolladen", "rollo", "rollos",
     "jalousie", "jalousien", "storen", "rolluik", "rolluiken", "volet", "volets", "persiana",
     "persianas", "tapparella", "tapparelle"),
    ("curtains", "curtain", "vorhang", "vorhänge", "gordijn", "gordijnen", "rideau", "rideaux",
     "cortina", "cortinas", "tenda"),
    ("awning", "markise", "zonnescherm", "store banne", "toldo", "tenda da sole"),
    ("fan", "ventilator", "lüfter", "ventilateur", "ventilador", "ventilatore"),
    ("heating", "heater", "radiator", "heizung", "heizkörper", "verwarming", "kachel", "chauffage",
     "radiateur", "aquecimento", "aquecedor", "calefacción", "calefactor", "riscaldamento",
     "termosifone"),
    ("air conditioning", "air conditioner", "aircon", "ac", "klimaanlage", "klima", "airco",
     "climatisation", "climatiseur", "ar condicionado", "aire acondicionado", "condizionatore"),
    ("heat pump", "heatpump", "wärmepumpe", "warmtepomp", "pompe à chaleur", "bomba de calor", "pompa di calore"),
    ("air purifier", "purifier", "luftreiniger", "luchtreiniger", "purificateur", "purificador", "purificatore"),
    ("dehumidifier", "entfeuchter", "luftentfeuchter", "ontvochtiger", "déshumidificateur", "desumidificador",
     "deshumidificador", "deumidificatore"),
    ("humidifier", "luftbefeuchter", "luchtbevochtiger", "humidificateur", "umidificador", "humidificador",
     "umidificatore"),
    ("fan heater", "space heater", "portable heater", "heizlüfter", "termoventilador", "stufa", "estufa",
     "radiador"),
    ("hot water", "water heater", "boiler", "warmwasser", "warmwasserspeicher", "warm water", "eau chaude",
     "chauffe-eau", "água quente", "esquentador", "termoacumulador", "agua caliente", "calentador",
     "acqua calda", "scaldabagno"),
    ("camera", "cam", "webcam", "kamera", "cámara", "telecamera"),
    ("doorbell", "klingel", "türklingel", "deurbel", "sonnette", "campainha", "timbre",
     "campanello", "ringeklokke", "ringeklokka", "dørklokke", "dørklokka", "dörrklocka", "dörrklockan", "aanbelt", "aanbellen", "aangebeld"),
    ("lock", "schloss", "slot", "serrure", "fechadura", "cerradura", "serratura"),
    ("plug", "socket", "outlet", "steckdose", "stecker", "stekker", "stopcontact", "prise",
     "tomada", "enchufe", "presa"),
    ("switch", "schalter", "schakelaar", "interrupteur", "interruptor", "interruttore"),
    ("button", "taster", "knopf", "knop", "bouton", "botão", "botón", "pulsante"),
    ("remote", "fernbedienung", "télécommande", "controle remoto", "mando", "telecomando"),
    ("tv", "television", "fernseher", "televisie", "télé", "televisão", "televisor", "televisione"),
    ("music", "musik", "muziek", "musique", "música"),
    ("vacuum", "vacuum cleaner", "staubsauger", "saugroboter", "stofzuiger", "aspirateur",
     "aspirador", "aspirapolvere"),
    ("lawn mower", "mower", "rasenmäher", "mähroboter", "grasmaaier", "maaier", "tondeuse",
     "corta-relva", "cortacésped", "tosaerba", "rasaerba"),
    ("washing machine", "washer", "wash", "waschmaschine", "wasch", "wasmachine", "machine à laver",
     "lave-linge", "máquina de lavar", "lavadora", "lavatrice"),
    ("dryer", "tumble dryer", "trockner", "wäschetrockner", "droger", "wasdroger", "sèche-linge",
     "secadora", "asciugatrice"),
    ("sink", "spüle", "spülbecken", "gootsteen", "aanrecht", "évier", "pia", "lava-loiça", "fregadero", "lavello"),
    ("dishwasher", "spülmaschine", "geschirrspüler", "vaatwasser", "vaatwasmachine",
     "lave-vaisselle", "lava-louças", "lava-loiça", "máquina de lavar louça", "máquina de lavar loiça",
     "máquina da loiça", "máquina da louça", "máquina de loiça", "máquina de louça", "vaatwas", "diskmaskin", "diskmaskinen",
     "oppvaskmaskin", "oppvaskmaskinen",
     "lavavajillas", "lavastoviglie"),
    ("coffee machine", "coffee maker", "kaffeemaschine", "koffiemachine", "koffiezetapparaat",
     "machine à café", "cafeteira", "cafetera", "macchina del caffè"),
    ("coffee", "kaffee", "koffie", "café", "caffè"),
    ("machine", "maschine"),
    ("fridge", "refrigerator", "kühlschrank", "koelkast", "frigo", "réfrigérateur", "geladeira",
     "nevera", "frigorifero"),
    ("freezer", "gefrierschrank", "tiefkühler", "gefriertruhe", "vriezer", "diepvries", "congélateur",
     "congelador", "congelatore"),
    ("oven", "ofen", "backofen", "forno", "horno"),
    ("kettle", "wasserkocher", "waterkoker", "bouilloire", "chaleira", "hervidor", "bollitore"),
    ("printer", "drucker", "imprimante", "impressora", "impresora", "stampante"),
    ("toothbrush", "zahnbürste", "tandenborstel", "brosse à dents", "escova de dentes", "cepillo de dientes",
     "spazzolino"),
    ("sun protection", "sun shade", "sonnenschutz", "zonwering"),
    ("car", "vehicle", "auto", "fahrzeug", "wagen", "voiture", "carro", "coche"),
    ("ev", "electric car", "elektroauto", "e-auto", "voiture électrique", "carro elétrico", "coche eléctrico",
     "auto elettrica"),
    ("charger", "wallbox", "ladestation", "laadpaal", "chargeur", "carregador", "cargador",
     "caricatore"),
    ("charging", "laden", "ladung", "opladen", "recharge", "carregamento", "ricarica"),
    ("battery", "akku", "batterie", "accu", "bateria", "batteria"),
    ("sensor", "melder", "fühler", "capteur", "détecteur", "sensore", "rilevatore", "detector"),
    ("smoke", "rauch", "rook", "fumée", "fumaça", "humo"),
    ("smoke detector", "rauchmelder", "rookmelder", "détecteur de fumée", "detector de fumaça", "detector de humo",
     "rilevatore di fumo"),
    ("motion", "movement", "bewegung", "beweging", "mouvement", "movimento", "movimiento", "bevegelse", "rörelse"),
    ("presence", "occupancy", "anwesenheit", "präsenz", "aanwezigheid", "presença", "presencia",
     "presenza"),
    # A room's presence sensor is what tells motion there when it has no motion sensor.
    ("motion", "presence", "occupancy"),
    ("shower", "dusche", "dusch", "douche", "chuveiro", "ducha", "doccia"),
    ("water", "wasser", "eau", "água", "acqua"),
    ("leak", "leck", "leckage", "lekkage", "fuite", "vazamento", "fuga"),
    ("irrigation", "watering", "sprinkler", "bewässerung", "besproeiing", "arrosage", "irrigação",
     "rega", "riego", "irrigazione"),
    ("pool", "schwimmbad", "piscine", "piscina"),
    ("counter", "count", "zähler", "anzahl", "compteur", "contador", "contatore"),
    ("meter", "zähler"),
    ("alarm clock", "wecker", "wekker", "réveil", "despertador", "sveglia"),
    ("alarm system", "home alarm", "house alarm", "security system", "alarmanlage", "alarme",
     "alarma", "allarme"),
    ("notification", "benachrichtigung", "mitteilung", "melding", "notificatie", "notificação",
     "notificación", "notifica"),
    ("reminder", "erinnerung", "herinnering", "rappel", "lembrete", "recordatorio", "promemoria"),
    ("schedule", "zeitplan", "planning", "programmation", "agendamento", "programación", "programmazione"),
    ("end", "ende", "einde", "fin", "fim"),
    ("calendar", "kalender", "agenda", "calendrier", "calendário", "calendario"),
    ("mail", "letterbox", "mailbox", "post", "briefkasten", "courrier", "boîte aux lettres", "correio",
     "caixa de correio", "buzón", "correo", "cassetta della posta"),
    ("garbage", "trash", "rubbish", "waste", "bin", "müll", "abfall", "mülltonne", "afval",
     "container", "vuilnis", "poubelle", "poubelles", "lixo", "basura", "spazzatura"),
    # Quantities and readings
    ("temperature", "temp", "temperatur", "temperatuur", "temperatura"),
    ("current", "amperage", "corriente", "corrente", "stromstärke", "stroomsterkte", "intensité"),
    ("humidity", "feuchtigkeit", "luftfeuchtigkeit", "vochtigheid", "luchtvochtigheid", "humidité",
     "umidade", "humidade", "humedad", "umidità", "fuktighet", "fuktigheten", "luftfuktighet", "luftfuktigheten",
     "luftfuktigheten", "fukt"),
    ("brightness", "illuminance", "helligkeit", "helderheid", "luminosité", "luminosidade", "luminosidad",
     "luminosità"),
    ("electricity", "power", "strom", "stroom", "électricité", "électrique", "energia",
     "eletricidade", "electricidad", "elettricità"),
    ("energy", "energie", "énergie"),
    ("consumption", "usage", "verbrauch", "verbruik", "consommation", "consumo"),
    ("price", "cost", "preis", "kosten", "prijs", "prix", "preço", "precio", "prezzo"),
    ("volume", "lautstärke"),
    ("status", "state", "zustand", "toestand", "état", "estado", "stato"),
    ("position", "stellung", "posição", "posición", "posizione"),
    # Time and weather
    ("night", "nacht", "nuit", "noite", "noche", "notte"),
    ("morning", "morgen", "früh", "ochtend", "matin", "manhã", "mattina", "mattino"),
    ("evening", "abend", "avond", "soir", "soirée", "sera"),
    ("day", "tag", "dag", "jour", "journée", "dia", "día", "giorno"),
    ("weekend", "wochenende", "week-end", "fim de semana", "fin de semana", "fine settimana"),
    ("sunrise", "sonnenaufgang", "zonsopkomst", "lever du soleil", "nascer do sol", "amanecer", "alba"),
    ("sunset", "sonnenuntergang", "zonsondergang", "coucher du soleil", "pôr do sol", "atardecer",
     "puesta de sol", "tramonto"),
    ("sun", "sonne", "zon", "soleil"),
    ("weather", "wetter", "weer", "météo", "meteo"),
    ("rain", "raining", "rains", "regen", "regnet", "regnen", "regent", "pluie", "pleut", "pleuvoir", "chuva", "chover",
     "chovendo", "chove", "chova", "lluvia", "llover", "llueve", "lloviendo", "llueva", "pioggia", "piove", "piovere",
     "piovendo", "regn", "regner", "regnar"),
    ("wind", "windy", "vent", "vento", "viento"),
    ("snow", "schnee", "sneeuw", "neige", "neve", "nieve"),
    # Modes and household life
    ("mode", "modus", "stand", "modo", "modalità"),
    ("night mode", "sleep mode", "nachtmodus", "schlafmodus", "nachtstand", "mode nuit", "modo noite",
     "modo noche", "modalità notte"),
    ("sleep", "sleeping", "asleep", "nap", "napping", "schlaf", "schlafen", "slapen", "dormir",
     "sommeil"),
    ("holiday", "vacation", "urlaub", "ferien", "vakantie", "vacances", "congés", "férias", "vacaciones",
     "vacanza", "vacanze"),
    ("guest", "guests", "gast", "gäste", "besuch", "gasten", "invité", "invités", "convidado", "convidados",
     "invitado", "invitados", "ospite", "ospiti"),
    ("party", "feier", "feest", "fête", "festa", "fiesta"),
    ("away", "abwesend", "afwezig", "absent", "absence", "ausente", "ausência", "ausencia", "assente",
     "assenza"),
    ("work", "working", "arbeit", "arbeiten", "werk", "werken", "travail", "trabalho", "trabajo", "lavoro"),
    ("meeting", "besprechung", "réunion", "reunião", "reunión", "riunione"),
    ("walk", "walking", "spaziergang", "gassi", "wandeling", "uitlaten", "promenade", "caminhada", "passeio",
     "paseo", "passeggiata"),
    ("school", "schule", "école", "escola", "escuela", "scuola"),
    ("kindergarten", "daycare", "kita"),
    ("child", "children", "kids", "kind", "kinder", "kinderen", "enfant", "enfants", "criança", "crianças",
     "niño", "niños", "bambino", "bambini"),
    ("parents", "eltern", "ouders", "padres", "genitori"),
    ("pet", "pets", "animal", "animals", "tier", "tiere", "haustier", "huisdier", "dier", "animal de compagnie",
     "animal de estimação", "mascota", "animale"),
    ("feeder", "pet feeder", "futterautomat", "futterspender", "voerautomaat", "distributeur de croquettes",
     "comedouro", "comedero", "mangiatoia"),
    ("dog", "hund", "hond", "chien", "cão", "cachorro", "perro", "cane"),
    ("cat", "katze", "kat", "gato", "gatto"),
    ("litter", "litter box", "katzenklo", "katzentoilette", "kattenbak", "litière", "caixa de areia", "arenero",
     "lettiera"),
    ("christmas", "weihnachten", "weihnachts", "xmas", "kerst", "noël", "natal", "navidad", "natale"),
    ("tree", "baum", "boom", "arbre", "árvore", "árbol", "albero"),
    ("christmas tree", "xmas tree", "weihnachtsbaum", "tannenbaum", "kerstboom", "sapin de noël", "árvore de natal",
     "árbol de navidad", "albero di natale"),
    ("birthday", "geburtstag", "anniversaire", "aniversário", "cumpleaños", "compleanno"),
    ("hot", "heiß"),
    ("cold", "kalt"),
    ("beverage", "beverages", "drink", "drinks", "getränk", "getränke"),
    ("active", "aktiv", "running", "läuft", "laufend", "bezig", "actief", "actif", "ativo", "activo", "attivo"),
    ("finished", "done", "fertig", "klaar", "terminé", "fini", "terminado", "finalizado", "finito",
     "terminato"),
    ("ready", "bereit", "prêt", "pronto", "listo"),
    ("volume", "volumen", "lautstärke", "volym"),
    ("speaker", "lautsprecher", "luidspreker", "enceinte", "altavoz", "altoparlante", "caixa de som", "coluna"),
    ("speakers", "enceintes", "altavoces", "altoparlanti", "caixas de som", "colunas"),
    ("open", "offen", "geöffnet"),
)
"""Groups of words for one thing; every word of a group finds the others."""

KINDS_OF: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("speaker", "speakers", "lautsprecher", "enceinte", "enceintes", "altavoz", "altavoces", "altoparlante",
         "caixa de som"),
        ("sonos", "kef", "bose", "jbl", "homepod", "nest audio", "google home", "echo", "denon", "marantz", "bluesound", "soundbar"),
    ),
    (("tv",), ("bravia", "webos", "tizen", "apple tv", "chromecast", "shield", "fire tv", "android tv")),
    (
        ("air conditioning", "air conditioner", "aircon", "klimaanlage", "klima"),
        ("daikin", "mitsubishi", "fujitsu", "midea", "hisense"),
    ),
    (("vacuum",), ("roborock", "roomba", "deebot", "ecovacs", "dreame", "valetudo", "neato")),
    (
        ("car", "auto"),
        ("tesla", "fordpass", "bmw", "volkswagen", "vw", "audi", "mercedes", "renault", "skoda", "kia", "hyundai", "polestar"),
    ),
)
"""A word for a class of device, and the brands or products that are one: people say "the
speakers" for their KEF, "the car" for the one FordPass reports on. One way only: "KEF" is a
speaker, but not every speaker is a KEF."""


CONTRASTS: tuple[tuple[str, str], ...] = (("heating", "air conditioning"), ("blinds", "garage door"))
"""Two classes of one kind that people name apart: "Heizung ausschalten" is the radiator
thermostat, not the Daikin (which also heats); "open the blinds" is no garage door."""


def says(words: list[str], phrase: str) -> bool:
    """Whether `words` (tokens) hold `phrase` or a word that stands for it, as whole words."""
    wanted = {tuple(tokens_of(phrase)), *_groups().get(tuple(tokens_of(phrase)), ())}
    return any(tuple(words[i : i + len(p)]) == p for p in wanted for i in range(len(words) - len(p) + 1))


def tokens_of(text: str) -> list[str]:
    from .lexical import tokens  # lexical.py uses this module

    return tokens(text)


@cache
def _groups() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Each phrase (as tokens) → the other phrases it stands for."""
    from .lexical import tokens  # lexical.py uses this module

    out: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in SAME:
        phrases = list(dict.fromkeys(tuple(tokens(p)) for p in group))
        for phrase in phrases:
            out.setdefault(phrase, []).extend(p for p in phrases if p != phrase)
    for words, brands in KINDS_OF:
        for word in words:
            out.setdefault(tuple(tokens(word)), []).extend(tuple(tokens(b)) for b in brands)
    return {phrase: tuple(dict.fromkeys(others)) for phrase, others in out.items()}


@cache
def _compound_parts() -> tuple[str, ...]:
    """Single group words long enough to be found inside a compound, longest first."""
    words = {p[0] for p in _groups() if len(p) == 1 and len(p[0]) >= MIN_COMPOUND_PART}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@cache
def _longest_phrase() -> int:
    return max((len(p) for p in _groups()), default=1)


def _two_short_words(word: str, groups: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]) -> tuple[str, str] | None:
    """The two group words that make up `word`, each of `MIN_LEFT_PART` letters or more, or None."""
    for cut in range(MIN_LEFT_PART, len(word) - MIN_LEFT_PART + 1):
        if (word[:cut],) in groups and (word[cut:],) in groups:
            return word[:cut], word[cut:]
    return None


def translations(words: list[str]) -> list[tuple[int, str, tuple[str, ...]]]:
    """For a request's words: (position of the word, the part of it that was translated, one phrase
    it stands for), for every group phrase the words hold. A phrase is matched on whole words
    ("living room"); a single word also inside a compound ("urlaubsmodus" → "urlaub", "modus")."""
    groups = _groups()
    longest = _longest_phrase()
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for i, word in enumerate(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            phrase = tuple(words[i : i + size])
            for other in groups.get(phrase, ()):
                found.append((i, " ".join(phrase), other))
        if (word,) in groups:
            continue
        rest = word
        parts: list[str] = []
        for part in _compound_parts():
            # A part a letter or two into the word is no part of a compound ("r|entre" is the
            # French "rentre", coming home, not "entré").
            if part in rest and part != word and not 0 < word.find(part) < MIN_LEFT_PART:
                rest = rest.replace(part, " ", 1)
                parts.append(part)
                for other in groups[(part,)]:
                    found.append((i, part, other))
        # What is left beside a part found is a word of its own, however short ("tuin|verlichting",
        # "Flur|licht", "Bett|licht"): short words are not looked for inside others, but one left
        # whole is safe.
        for part in rest.split() if rest != word else ():
            if len(part) >= MIN_LEFT_PART:
                parts.append(part)
                for other in groups.get((part,), ()):
                    found.append((i, part, other))
        if rest == word and (halves := _two_short_words(word, groups)):
            # "gang|lamp", "bad|lamp": two words too short to be looked for inside others, which
            # together are all of the word.
            parts.extend(halves)
            for part in halves:
                for other in groups[(part,)]:
                    found.append((i, part, other))
        if len(parts) >= 2:
            # Each word of a compound is also the word it is ("Wohnzimmer|licht" says "wohnzimmer"
            # as much as "living room", "Bett|licht" says "bett"), as it would be said apart; a
            # word and its ending ("mouvement|s") is no compound.
            found.extend((i, part, (part,)) for part in parts)
    return found
