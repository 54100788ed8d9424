#!/usr/bin/env python3
"""Generate vigie's country knowledge files.

Writes (relative to the repository root):
  data/actors/countries.tsv     code kind lang forms   (kinds: name, demonym, capital)
  data/actors/country_info.tsv  code iso2 name_en name_fr lat lon

Sources (fetched with `npm pack` into scripts/data/.cache/, which git ignores):
  - npm world-countries 5.1.0 (countries.json), ODbL-1.0: names, official names, alternate spellings,
    English and French demonyms, capitals, coordinates, independence status.
  - npm i18n-iso-countries 7.14.0 (langs/en.json, langs/fr.json), MIT: extra English and French names.
  - Hand-curated tables in this script: well-known variants, French capitals, demonym inflections and
    corrections, dangerous forms to drop, dependencies folded into the state that controls them.

Run from anywhere with Python 3.11 (standard library only):
    python3 scripts/data/gen_countries.py
The npm client is only needed when a tarball is missing from the cache.

Format: see data/README.md. Name and capital forms always start with a capital letter, so they only match
capitalised text; French demonyms are written in lower case and match any case; English demonyms are
capitalised, as English writes them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "scripts" / "data" / ".cache"
OUT_COUNTRIES = ROOT / "data" / "actors" / "countries.tsv"
OUT_INFO = ROOT / "data" / "actors" / "country_info.tsv"
SEATS = ROOT / "data" / "actors" / "seats.tsv"

WORLD_COUNTRIES = ("world-countries", "5.1.0")
I18N = ("i18n-iso-countries", "7.14.0")

# --------------------------------------------------------------------------------------------------------
# Which entities get a code of their own, and where the others go.
# --------------------------------------------------------------------------------------------------------

# world-countries code -> vigie code
RENAME = {"UNK": "KOS"}

# Not independent in world-countries, but coded as actors of their own (PLOVER / usual practice).
OWN_CODE = {"TWN", "PSE", "UNK", "HKG"}

# Only a row in country_info.tsv (its names are folded into MAR in countries.tsv, see FOLD).
INFO_ONLY = {"ESH"}

# Dependencies and territories folded into the state that controls them: their names (kind `name`
# only, no demonym, no capital) are emitted under the controlling state's code.
FOLD = {
    "ABW": "NLD", "AIA": "GBR", "ALA": "FIN", "ASM": "USA", "ATF": "FRA", "BES": "NLD", "BLM": "FRA",
    "BMU": "GBR", "BVT": "NOR", "CCK": "AUS", "COK": "NZL", "CUW": "NLD", "CXR": "AUS", "CYM": "GBR",
    "ESH": "MAR", "FLK": "GBR", "FRO": "DNK", "GGY": "GBR", "GIB": "GBR", "GLP": "FRA", "GRL": "DNK",
    "GUF": "FRA", "GUM": "USA", "HMD": "AUS", "IMN": "GBR", "IOT": "GBR", "JEY": "GBR", "MAC": "CHN",
    "MAF": "FRA", "MNP": "USA", "MSR": "GBR", "MTQ": "FRA", "MYT": "FRA", "NCL": "FRA", "NFK": "AUS",
    "NIU": "NZL", "PCN": "GBR", "PRI": "USA", "PYF": "FRA", "REU": "FRA", "SGS": "GBR", "SHN": "GBR",
    "SJM": "NOR", "SPM": "FRA", "SXM": "NLD", "TCA": "GBR", "TKL": "NZL", "UMI": "USA", "VGB": "GBR",
    "VIR": "USA", "WLF": "FRA",
}

# Entities dropped entirely.
SKIP = {"ATA"}

# --------------------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------------------

# Curated names, listed first (the first form of each language is the display name in country_info.tsv
# unless DISPLAY_* says otherwise). Keys are world-countries codes (so Kosovo is UNK, dependencies keep
# their own code and are folded afterwards).
NAMES_EN: dict[str, list[str]] = {
    "USA": ["United States", "United States of America", "USA", "U.S.", "U.S.A.", "US", "America"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain",
            "United Kingdom of Great Britain and Northern Ireland",
            "England", "Scotland", "Wales", "Northern Ireland"],
    "RUS": ["Russia", "Russian Federation"],
    "CHN": ["China", "People's Republic of China", "PRC", "Mainland China"],
    "TWN": ["Taiwan", "Republic of China", "Chinese Taipei", "Formosa"],
    "HKG": ["Hong Kong", "Hongkong", "Hong Kong SAR"],
    "MAC": ["Macau", "Macao"],
    "KOR": ["South Korea", "Republic of Korea"],
    "PRK": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "MMR": ["Myanmar", "Burma"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Democratic Republic of Congo",
            "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Congo"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories",
            "Occupied Palestinian Territories", "Occupied Palestinian Territory"],
    "UNK": ["Kosovo", "Republic of Kosovo"],
    "VAT": ["Vatican City", "Holy See", "Vatican City State"],
    "CZE": ["Czechia", "Czech Republic"],
    "MKD": ["North Macedonia", "Republic of North Macedonia", "Macedonia"],
    "SWZ": ["Eswatini", "Swaziland", "Kingdom of Eswatini"],
    "TUR": ["Türkiye", "Turkey", "Turkiye", "Republic of Turkey"],
    "NLD": ["Netherlands", "Holland", "Kingdom of the Netherlands"],
    "TLS": ["Timor-Leste", "East Timor"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "BIH": ["Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnia"],
    "ARE": ["United Arab Emirates", "UAE"],
    "SAU": ["Saudi Arabia", "Kingdom of Saudi Arabia"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "SYR": ["Syria", "Syrian Arab Republic"],
    "VNM": ["Vietnam", "Viet Nam"],
    "MDA": ["Moldova", "Republic of Moldova"],
    "BLR": ["Belarus", "Byelorussia"],
    "IRL": ["Ireland", "Republic of Ireland", "Éire"],
    "GMB": ["Gambia", "Republic of the Gambia"],
    "KNA": ["Saint Kitts and Nevis", "St Kitts and Nevis", "St. Kitts and Nevis"],
    "VCT": ["Saint Vincent and the Grenadines", "St Vincent and the Grenadines"],
    "LCA": ["Saint Lucia", "St Lucia", "St. Lucia"],
    "STP": ["São Tomé and Príncipe", "Sao Tome and Principe"],
    "GIN": ["Guinea", "Guinea-Conakry", "Republic of Guinea"],
    "BFA": ["Burkina Faso", "Burkina"],
    "CAF": ["Central African Republic"],
    "TZA": ["Tanzania", "United Republic of Tanzania"],
    "SSD": ["South Sudan"],
    "LBY": ["Libya", "State of Libya"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "BRN": ["Brunei", "Brunei Darussalam"],
    "LAO": ["Laos", "Lao PDR"],
    "KGZ": ["Kyrgyzstan", "Kyrgyz Republic"],
    "DEU": ["Germany", "Federal Republic of Germany"],
    "CHE": ["Switzerland", "Swiss Confederation"],
    "NZL": ["New Zealand", "Aotearoa"],
    "PLW": ["Palau"],
    # dependencies (folded)
    "REU": ["Réunion Island", "La Réunion"],
    "FLK": ["Falkland Islands", "Falklands", "Malvinas"],
    "FRO": ["Faroe Islands", "Faroes", "Faeroe Islands"],
    "SHN": ["Saint Helena", "Ascension Island", "Tristan da Cunha"],
    "SJM": ["Svalbard", "Svalbard and Jan Mayen"],
    "JEY": ["Bailiwick of Jersey"],
    "CUW": ["Curaçao"],
    "VIR": ["United States Virgin Islands", "US Virgin Islands", "U.S. Virgin Islands"],
    "BES": ["Caribbean Netherlands", "Bonaire"],
    "ALA": ["Åland Islands", "Åland"],
    "ESH": ["Western Sahara"],
}

NAMES_FR: dict[str, list[str]] = {
    "USA": ["États-Unis", "Etats-Unis", "États-Unis d'Amérique", "USA", "Amérique"],
    "GBR": ["Royaume-Uni", "Grande-Bretagne",
            "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
            "Angleterre", "Écosse", "Pays de Galles", "Irlande du Nord"],
    "RUS": ["Russie", "Fédération de Russie"],
    "CHN": ["Chine", "République populaire de Chine"],
    "TWN": ["Taïwan", "Taiwan", "République de Chine", "Formose"],
    "HKG": ["Hong Kong", "Hongkong"],
    "MAC": ["Macao", "Macau"],
    "KOR": ["Corée du Sud", "République de Corée"],
    "PRK": ["Corée du Nord", "RPDC", "République populaire démocratique de Corée"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire", "République de Côte d'Ivoire"],
    "MMR": ["Birmanie", "Myanmar"],
    "COD": ["RDC", "République démocratique du Congo", "RD Congo", "RDCongo", "Congo-Kinshasa"],
    "COG": ["Congo", "République du Congo", "Congo-Brazzaville"],
    "PSE": ["Palestine", "État de Palestine", "Territoires palestiniens",
            "Territoires palestiniens occupés", "territoires palestiniens",
            "territoires palestiniens occupés"],
    "UNK": ["Kosovo", "République du Kosovo"],
    "VAT": ["Saint-Siège", "Cité du Vatican", "État de la Cité du Vatican"],
    "CZE": ["Tchéquie", "République tchèque"],
    "MKD": ["Macédoine du Nord", "République de Macédoine du Nord", "Macédoine"],
    "SWZ": ["Eswatini", "Swaziland", "Royaume d'Eswatini"],
    "TUR": ["Turquie", "République de Turquie"],
    "NLD": ["Pays-Bas", "Royaume des Pays-Bas"],        # not "Hollande": François Hollande
    "TLS": ["Timor oriental", "Timor-Leste"],
    "CPV": ["Cap-Vert", "Cabo Verde", "République du Cap-Vert"],
    "BIH": ["Bosnie-Herzégovine", "Bosnie-et-Herzégovine", "Bosnie"],
    "ARE": ["Émirats arabes unis", "Émirats"],
    "SAU": ["Arabie saoudite", "Royaume d'Arabie saoudite"],
    "EGY": ["Égypte", "Egypte"],
    "ISR": ["Israël", "Israel", "État d'Israël"],
    "DZA": ["Algérie", "République algérienne démocratique et populaire"],
    "VNM": ["Vietnam", "Viêt Nam", "Viet Nam"],
    "MDA": ["Moldavie", "Moldova", "République de Moldavie"],
    "BLR": ["Biélorussie", "Bélarus"],
    "KGZ": ["Kirghizistan", "Kirghizstan"],
    "LBY": ["Libye", "État de Libye"],
    "NGA": ["Nigeria", "Nigéria"],
    "LBR": ["Liberia", "Libéria"],
    "BFA": ["Burkina Faso", "Burkina"],
    "CAF": ["Centrafrique", "République centrafricaine", "RCA"],
    "SSD": ["Soudan du Sud", "Sud-Soudan"],
    "GIN": ["Guinée", "Guinée-Conakry", "République de Guinée"],
    "GNQ": ["Guinée équatoriale"],
    "GNB": ["Guinée-Bissau"],
    "MUS": ["Île Maurice", "Ile Maurice", "République de Maurice"],
    "DMA": ["Commonwealth de la Dominique", "Île de la Dominique"],
    "GRD": ["Île de la Grenade"],
    "KNA": ["Saint-Christophe-et-Niévès", "Saint-Kitts-et-Nevis"],
    "STP": ["Sao Tomé-et-Principe", "São Tomé-et-Príncipe"],
    "PLW": ["Palaos", "Palau"],
    "SLV": ["Salvador", "El Salvador"],
    "FSM": ["Micronésie", "États fédérés de Micronésie"],
    "DEU": ["Allemagne", "République fédérale d'Allemagne"],
    "CHE": ["Suisse", "Confédération suisse", "Confédération helvétique"],
    "TZA": ["Tanzanie", "République-Unie de Tanzanie"],
    "LAO": ["Laos"],
    "BRN": ["Brunei", "Brunéi"],
    # dependencies (folded)
    "REU": ["La Réunion", "Île de la Réunion"],
    "FLK": ["Îles Malouines", "Malouines", "Îles Falkland", "Falkland"],
    "GUF": ["Guyane", "Guyane française"],
    "SHN": ["Sainte-Hélène"],
    "JEY": ["Bailliage de Jersey"],
    "CUW": ["Curaçao"],
    "VIR": ["Îles Vierges des États-Unis", "Îles Vierges américaines"],
    "BES": ["Pays-Bas caribéens", "Bonaire"],
    "ESH": ["Sahara occidental"],
}

# Display names for country_info.tsv where the first name form is not the best label.
DISPLAY_EN = {"VAT": "Vatican City"}
DISPLAY_FR = {
    "MUS": "Maurice", "DMA": "Dominique", "GRD": "Grenade", "VAT": "Vatican",
    "COD": "République démocratique du Congo", "COG": "République du Congo", "CAF": "Centrafrique",
}

# Forms never emitted as names or capitals (folded key), because they are common words or names of
# something else: Réunion (meeting), Dominique / Maurice (first names), Grenade (Granada, grenade),
# Jersey (New Jersey, the garment), Guiana (the wider region), Island (Icelandic for Iceland),
# CAR / EAU (French "car" and "eau" at a sentence start).
BLOCK = {
    "reunion", "dominique", "maurice", "grenade", "jersey", "guiana", "island", "car", "eau",
    "mann", "timor", "mexicanos", "portuguesa", "prathet", "thai", "lao", "saudi", "togolese",
    "emirates", "virgin islands", "iles vierges", "svalbard og jan mayen", "jan mayen svalbard",
    "ahvenanmaa", "hollande",
    # the Polisario's state: never Morocco
    "sahrawi arab democratic republic", "republique arabe sahraouie democratique",
}

# When one folded form would name two codes, it goes to this code only.
RESOLVE = {
    "congo": "COG",                                 # French usage; the DRC has RDC / RD Congo / DR Congo
    "saint martin": "FRA",                          # the French part; the Dutch part is Sint Maarten
    "congolese": "COD", "congolais": "COD", "congolaise": "COD", "congolaises": "COD",
    "dominican": "DOM", "dominicans": "DOM",
}

# English and French marker words that make an alternate spelling usable (official-style names).
EN_MARKERS = {"republic", "kingdom", "state", "states", "federation", "federal", "union", "commonwealth",
              "principality", "sultanate", "emirates", "confederation", "islands", "democratic",
              "federated", "duchy", "territory", "department", "collectivity", "bailiwick"}
FR_MARKERS = {"république", "royaume", "état", "états", "principauté", "fédération", "confédération",
              "grand-duché", "collectivité", "territoire", "département", "bailliage", "sultanat",
              "émirats", "îles"}
FR_FUNCTION = {"de", "du", "des", "d'", "la", "le", "les", "et", "l'"}
EN_FUNCTION = {"of", "the", "and"}

# Abbreviations allowed as forms (everything else written in capitals only is dropped: ISO alpha-2
# codes such as IN, IT, NO, TO would match ordinary words in headlines).
ABBREV_OK = {"USA", "US", "U.S.", "U.S.A.", "UK", "U.K.", "UAE", "DRC", "DPRK", "PRC", "RDC", "RPDC",
             "RCA", "RDCongo"}

# --------------------------------------------------------------------------------------------------------
# Demonyms
# --------------------------------------------------------------------------------------------------------

# English: REPLACE replaces world-countries' words, ADD adds words; both get the plural rule. RAW forms are
# added verbatim (irregular plurals, adjective-only forms).
EN_DEM_REPLACE = {
    "DJI": ["Djiboutian"], "CPV": ["Cape Verdean"], "TJK": ["Tajik", "Tajikistani", "Tadzhik"],
    "BFA": ["Burkinabe"], "VUT": ["Ni-Vanuatu"],
}
EN_DEM_ADD = {
    "GBR": ["Briton", "Brit"], "ESP": ["Spaniard"], "DNK": ["Dane"], "SWE": ["Swede"], "TUR": ["Turk"],
    "KAZ": ["Kazakh"], "UZB": ["Uzbek"], "KGZ": ["Kyrgyz", "Kyrgyzstani"], "AZE": ["Azeri"],
    "SAU": ["Saudi"], "NPL": ["Nepali"], "PHL": ["Filipina"], "MDV": ["Maldivian"],
    "SVK": ["Slovakian"], "SVN": ["Slovenian"], "COM": ["Comorian"], "ECU": ["Ecuadorian"],
    "SLV": ["Salvadorean"], "SUR": ["Surinamese"], "BWA": ["Botswanan"], "TLS": ["Timorese"],
    "UNK": ["Kosovan"], "HKG": ["Hongkonger"], "GNB": ["Bissau-Guinean"], "TTO": ["Tobagonian"],
    "VCT": ["Vincentian"], "NLD": ["Netherlander"], "BLR": ["Belarusan"], "KOR": [], "PRK": [],
    "LAO": ["Lao"], "MMR": ["Myanmarese"],
}
EN_DEM_RAW = {
    "FRA": ["Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
    "NLD": ["Dutchman", "Dutchmen", "Dutchwoman", "Dutchwomen"],
    "IRL": ["Irishman", "Irishmen", "Irishwoman", "Irishwomen"],
    "GBR": ["Scottish", "Scots", "Welsh", "Northern Irish"],
    "POL": ["Poles"], "FIN": ["Finns"], "ISL": ["Icelandic"], "LUX": ["Luxembourgish"],
    "BWA": ["Batswana"], "LSO": ["Basotho"], "PHL": ["Philippine"],
    "BFA": ["Burkinabè", "Burkinabé", "Burkinabes"],
}
# English words that take no plural -s.
EN_NO_PLURAL = {"Malagasy", "Seychellois", "Kyrgyz", "Kirghiz", "I-Kiribati", "Ni-Vanuatu", "Motswana",
                "Mosotho", "Burkinabe", "Vatican", "Lao", "Swiss", "French", "Dutch"}

# French: (masculine, feminine) pairs, inflected by rule. REPLACE replaces world-countries' pair.
FR_DEM_REPLACE = {
    "ARE": [("émirien", "émirienne"), ("émirati", "émiratie")],
    "ATG": [("antiguais", "antiguaise"), ("barbudien", "barbudienne")],
    "KNA": [("kittitien", "kittitienne"), ("névicien", "névicienne")],
    "KGZ": [("kirghiz", "kirghize")],
    "TJK": [("tadjik", "tadjike")],
    "UZB": [("ouzbek", "ouzbèke")],
    "LKA": [("sri-lankais", "sri-lankaise")],
    "SLE": [("sierra-léonais", "sierra-léonaise")],
    "NZL": [("néo-zélandais", "néo-zélandaise")],
    "PLW": [("palaosien", "palaosienne")],
    "VUT": [("vanuatais", "vanuataise")],
    "CRI": [("costaricien", "costaricienne"), ("costaricain", "costaricaine")],
    "SWZ": [("swazi", "swazie")],
    "BFA": [("burkinabé", "burkinabée")],
    "LVA": [("letton", "lettone"), ("letton", "lettonne")],
    "TON": [("tongien", "tongienne"), ("tonguien", "tonguienne")],
    "EGY": [("égyptien", "égyptienne")],
}
FR_DEM_ADD = {
    "USA": [("étasunien", "étasunienne"), ("états-unien", "états-unienne")],
    "GBR": [("écossais", "écossaise"), ("gallois", "galloise"), ("nord-irlandais", "nord-irlandaise")],
    "KAZ": [("kazakh", "kazakhe")],
    "AZE": [("azéri", "azérie")],
    "IRQ": [("iraquien", "iraquienne")],
    "QAT": [("qatari", "qatarie")],
    "SOM": [("somali", "somalie")],
    "THA": [("thaï", "thaïe")],
    "BLR": [("bélarusse", "bélarusse")],
    "CYP": [("cypriote", "cypriote")],
    "MKD": [("nord-macédonien", "nord-macédonienne")],
    "CHE": [("suisse", "suissesse"), ("helvète", "helvète"), ("helvétique", "helvétique")],
    "NLD": [("hollandais", "hollandaise")],
    "UNK": [("kosovien", "kosovienne")],
    "TLS": [("timorais", "timoraise")],
    "SUR": [("surinamien", "surinamienne")],
    "BIH": [("bosniaque", "bosniaque")],
}
FR_DEM_RAW = {
    "BFA": ["burkinabè", "burkinabès", "burkinabèes"],
}

# --------------------------------------------------------------------------------------------------------
# Capitals
# --------------------------------------------------------------------------------------------------------

# code -> (English forms, French forms). Codes not listed use world-countries' first capital in both
# languages. An empty tuple drops the capital (ambiguous or a common word).
CAPITALS: dict[str, tuple[list[str], list[str]]] = {
    "AFG": (["Kabul"], ["Kaboul"]),
    "AND": (["Andorra la Vella"], ["Andorre-la-Vieille", "Andorra la Vella"]),
    "ARE": (["Abu Dhabi"], ["Abou Dhabi", "Abu Dhabi"]),
    "ARM": (["Yerevan"], ["Erevan", "Yerevan"]),
    "ATG": ([], []),                                   # Saint John's: also in Canada
    "AUT": (["Vienna"], ["Vienne"]),
    "AZE": (["Baku"], ["Bakou"]),
    "BEL": ([], []),                                   # Brussels / Bruxelles usually means the EU
    "BEN": (["Porto-Novo", "Cotonou"], ["Porto-Novo", "Cotonou"]),
    "BFA": (["Ouagadougou", "Ouaga"], ["Ouagadougou", "Ouaga"]),
    "BGD": (["Dhaka"], ["Dacca", "Dhaka"]),
    "BOL": (["La Paz"], ["La Paz"]),                   # seat of government; "Sucre" is French for sugar
    "BRA": (["Brasília"], ["Brasília"]),
    "BTN": (["Thimphu"], ["Thimphou", "Thimphu"]),
    "CHE": (["Bern", "Berne"], ["Berne"]),
    "CHL": (["Santiago", "Santiago de Chile"], ["Santiago", "Santiago du Chili"]),
    "CHN": (["Beijing", "Peking"], ["Pékin", "Beijing"]),
    "CIV": (["Yamoussoukro", "Abidjan"], ["Yamoussoukro", "Abidjan"]),
    "CUB": (["Havana"], ["Havane"]),
    "CYP": (["Nicosia"], ["Nicosie"]),
    "DMA": ([], []),                                   # Roseau: French "roseau"
    "DNK": (["Copenhagen"], ["Copenhague"]),
    "DOM": (["Santo Domingo"], ["Saint-Domingue"]),
    "DZA": (["Algiers"], ["Alger"]),
    "EGY": (["Cairo"], ["Caire"]),                     # "au Caire", "Le Caire"
    "ETH": (["Addis Ababa"], ["Addis-Abeba", "Addis Ababa"]),
    "GBR": (["London"], ["Londres"]),
    "GEO": (["Tbilisi"], ["Tbilissi", "Tbilisi"]),
    "GRC": (["Athens"], ["Athènes"]),
    "GRD": ([], []),                                   # St. George's
    "GTM": (["Guatemala City"], []),                   # French "Guatemala" is the country's name
    "GUY": ([], []),                                   # Georgetown: also Washington's and its university
    "HKG": ([], []),
    "IDN": (["Jakarta"], ["Jakarta", "Djakarta"]),
    "IRN": (["Tehran"], ["Téhéran"]),
    "IRQ": (["Baghdad"], ["Bagdad"]),
    "ISR": (["Jerusalem"], ["Jérusalem"]),
    "KGZ": (["Bishkek"], ["Bichkek"]),
    "KIR": (["Tarawa", "South Tarawa"], ["Tarawa", "Tarawa-Sud"]),
    "KOR": (["Seoul"], ["Séoul"]),
    "KWT": (["Kuwait City"], []),                      # French "Koweït" is the country's name
    "LBN": (["Beirut"], ["Beyrouth"]),
    "LCA": ([], []),                                   # Castries: a French surname
    "LKA": (["Colombo"], ["Colombo"]),
    "LUX": ([], []), "MCO": ([], []), "SGP": ([], []), "SMR": ([], []), "VAT": ([], []),
    "MDA": (["Chișinău", "Kishinev"], ["Chișinău", "Kichinev"]),
    "MDG": (["Antananarivo"], ["Antananarivo", "Tananarive"]),
    "MDV": ([], []),                                   # Malé / Male
    "MEX": (["Mexico City"], ["Mexico"]),
    "MLT": (["Valletta"], ["La Valette"]),
    "MMR": (["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"], ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"]),
    "MNG": (["Ulaanbaatar", "Ulan Bator"], ["Oulan-Bator", "Ulaanbaatar"]),
    "MYS": (["Kuala Lumpur", "Putrajaya"], ["Kuala Lumpur", "Putrajaya"]),
    "NPL": (["Kathmandu"], ["Katmandou", "Kathmandu"]),
    "OMN": (["Muscat"], ["Mascate"]),
    "PAN": (["Panama City"], []),                      # French "Panama" is the country's name
    "PHL": (["Manila"], ["Manille"]),
    "POL": (["Warsaw"], ["Varsovie"]),
    "PRT": (["Lisbon"], ["Lisbonne"]),
    "ROU": (["Bucharest"], ["Bucarest"]),
    "RUS": (["Moscow"], ["Moscou"]),
    "SAU": (["Riyadh"], ["Riyad", "Ryad"]),
    "SOM": (["Mogadishu"], ["Mogadiscio"]),
    "SYC": ([], []),                                   # Victoria
    "SYR": (["Damascus"], ["Damas"]),
    "SWZ": (["Mbabane", "Lobamba"], ["Mbabane", "Lobamba"]),
    "TCD": (["N'Djamena", "Ndjamena"], ["N'Djamena", "N'Djaména", "Ndjamena"]),
    "TJK": (["Dushanbe"], ["Douchanbé"]),
    "TKM": (["Ashgabat"], ["Achgabat"]),
    "TTO": (["Port of Spain"], ["Port-d'Espagne", "Port of Spain"]),
    "TWN": (["Taipei"], ["Taipei", "Taïpei"]),
    "UKR": (["Kyiv", "Kiev"], ["Kiev", "Kyiv", "Kyïv"]),
    "UNK": (["Pristina"], ["Pristina", "Priština"]),
    "USA": (["Washington", "Washington D.C.", "Washington DC"], ["Washington"]),
    "UZB": (["Tashkent"], ["Tachkent"]),
    "VNM": (["Hanoi"], ["Hanoï"]),
    "VUT": (["Port Vila"], ["Port-Vila"]),
    "YEM": (["Sana'a", "Sanaa"], ["Sanaa"]),
    "ZAF": (["Pretoria"], ["Pretoria"]),
}

# --------------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------------


def fetch(name: str, version: str) -> Path:
    """Return the cached npm tarball, fetching it with `npm pack` if missing."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{version}.tgz"
    if not path.exists():
        print(f"fetching {name}@{version} with npm pack", file=sys.stderr)
        subprocess.run(["npm", "pack", f"{name}@{version}", "--pack-destination", str(CACHE)],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def read_json(tgz: Path, member: str):
    with tarfile.open(tgz, "r:gz") as tar:
        f = tar.extractfile(member)
        if f is None:
            raise SystemExit(f"{member} missing in {tgz}")
        return json.load(f)


def key(form: str) -> str:
    """Approximates vigie's matching fold: case, accents, apostrophes, hyphens, split elisions."""
    s = unicodedata.normalize("NFD", form)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").lower()
    s = s.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss").replace("ı", "i")
    s = s.replace("-", " ").replace("'", "' ")
    return " ".join(s.split())


def is_latin(form: str) -> bool:
    for c in form:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def letters(form: str) -> int:
    return sum(c.isalpha() for c in form)


def tidy(form: str) -> str:
    """Normalises spacing and apostrophes in a source form."""
    s = form.replace("’", "'").replace("\u00a0", " ")
    s = s.replace(" -", "-").replace("d' ", "d'").replace("l' ", "l'")
    return " ".join(s.split())


def clean_source_name(form: str) -> str | None:
    """Cleans a name from a data source; returns None when it is unusable."""
    s = tidy(form)
    if "(" in s:
        s = " ".join(re.sub(r"\([^)]*\)", " ", s).split())
    for art in ("The ", "the ", "Les ", "Le ", "La ", "L'"):
        if s.startswith(art):
            s = s[len(art):]
    if not s or "," in s or not is_latin(s):
        return None
    if "." in s and s not in ABBREV_OK:
        return None
    if s.isupper() and s not in ABBREV_OK:
        return None
    if s[0].islower():
        s = s[0].upper() + s[1:]
    return s


def alt_language(form: str) -> str | None:
    """Language of an alternate spelling worth keeping ('en', 'fr'), or None."""
    words = form.replace("'", "' ").split()
    low = [w.lower() for w in words]
    if len(words) < 2:
        return None
    if any(w in FR_MARKERS for w in low) and (
            any(w in FR_FUNCTION for w in low) or len(words) == 2):
        return "fr"
    if any(w in EN_MARKERS for w in low) and (
            any(w in EN_FUNCTION for w in low) or len(words) == 2):
        return "en"
    return None


def en_plural(word: str) -> str | None:
    last = word.split()[-1].split("-")[-1]
    if word in EN_NO_PLURAL or last in EN_NO_PLURAL:
        return None
    if last.endswith(("ese", "ish", "ss", "sh", "ic", "s", "z", "x")):
        return None
    if last.endswith("ch") and last != "Czech":
        return None
    return word + "s"


def fr_plural_m(word: str) -> str:
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith("eau"):
        return word + "x"
    return word + "s"


def fr_plural_f(word: str) -> str:
    return word if word.endswith(("s", "x", "z")) else word + "s"


def fr_inflect(m: str, f: str) -> list[str]:
    m, f = m.lower(), f.lower()
    return [m, f, fr_plural_m(m), fr_plural_f(f)]


def split_en_demonym(s: str) -> list[str]:
    out = []
    for part in s.replace(" or ", ", ").split(","):
        part = part.strip()
        if part:
            out.append(part)
    return out


def split_fr_demonym(s: str) -> list[str]:
    out = []
    for part in s.replace(" et ", ", ").split(","):
        part = part.strip()
        if part:
            out.append(part)
    return out


def case_rule(form: str) -> str:
    """vigie's CaseRule::of_form: decided by the first word of the form."""
    first = next((w for w in re.split(r"[\s'’-]", form) if w), "")
    lets = [c for c in first if c.isalpha()]
    if len(lets) >= 2 and all(c.isupper() for c in lets):
        return "caps"
    return "capitalized" if first[:1].isupper() else "any"


# French writes these words in lower case inside running text ("les îles Salomon", "l'île Maurice",
# "les territoires palestiniens"); vigie only checks the case of a form's first word, so a variant with
# that word in lower case matches text of any case while the rest of the form stays distinctive.
FR_LOWER_FIRST = {"Île", "Îles", "Territoires"}
# All-lower-case name forms allowed because the whole phrase is unambiguous.
LOWER_OK = {"territoires palestiniens", "territoires palestiniens occupés"}


def dedupe(forms: list[str]) -> list[str]:
    seen, out = set(), []
    for f in forms:
        k = (key(f), case_rule(f))
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def fmt_coord(v: float) -> str:
    s = f"{float(v):.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def read_seat_keys() -> dict[str, str]:
    """Folded forms of seats.tsv (hand-written): those forms are never emitted here too."""
    keys: dict[str, str] = {}
    if not SEATS.exists():
        return keys
    for line in SEATS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _kind, _lang, forms = line.split("\t")
        for f in forms.split("|"):
            keys[key(f)] = code
    return keys


# --------------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------------


def main() -> None:
    wc_tgz = fetch(*WORLD_COUNTRIES)
    i18n_tgz = fetch(*I18N)
    countries = read_json(wc_tgz, "package/countries.json")
    i18n_en = read_json(i18n_tgz, "package/langs/en.json")["countries"]
    i18n_fr = read_json(i18n_tgz, "package/langs/fr.json")["countries"]

    by_code = {c["cca3"]: c for c in countries}
    independent = {c["cca3"] for c in countries if c.get("independent")}
    states = independent | OWN_CODE
    # every entity must be classified
    unclassified = set(by_code) - states - set(FOLD) - SKIP - INFO_ONLY
    if unclassified:
        raise SystemExit(f"unclassified entities in world-countries: {sorted(unclassified)}")

    def vcode(c: str) -> str:
        return RENAME.get(c, c)

    # entries: (code, kind, lang) -> list of forms in order
    entries: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    dropped: list[str] = []

    def i18n_names(table, cca2):
        v = table.get(cca2)
        if v is None:
            return []
        return v if isinstance(v, list) else [v]

    # ---- names
    # states first, so that a state's own names come before those of its dependencies
    for wc_code, c in sorted(by_code.items(), key=lambda kv: (kv[0] not in states, kv[0])):
        if wc_code in SKIP:
            continue
        is_state = wc_code in states
        target = vcode(wc_code) if is_state else FOLD.get(wc_code)
        if target is None:
            continue
        en = list(NAMES_EN.get(wc_code, []))
        fr = list(NAMES_FR.get(wc_code, []))
        src_en = [c["name"]["common"], c["name"]["official"], *i18n_names(i18n_en, c["cca2"])]
        tr = c["translations"].get("fra", {})
        src_fr = [tr.get("common", ""), *i18n_names(i18n_fr, c["cca2"]), tr.get("official", "")]
        if is_state:
            for alt in c.get("altSpellings", []):
                lang = alt_language(tidy(alt))
                if lang == "en":
                    src_en.append(alt)
                elif lang == "fr":
                    src_fr.append(alt)
        for src, dst in ((src_en, en), (src_fr, fr)):
            for f in src:
                if not f:
                    continue
                cf = clean_source_name(f)
                if cf is None:
                    dropped.append(f"{wc_code} name {f!r}: unusable")
                    continue
                dst.append(cf)
        for lang, forms in (("en", en), ("fr", fr)):
            kept = []
            for f in forms:
                k = key(f)
                if k in BLOCK:
                    dropped.append(f"{wc_code} name {f!r}: blocked")
                    continue
                if letters(f) < 2:
                    continue
                kept.append(f)
            entries[(target, "name", lang)].extend(kept)

    # ---- demonyms (states only)
    for wc_code in sorted(states):
        c = by_code[wc_code]
        code = vcode(wc_code)
        dem = c.get("demonyms", {})
        # English
        if wc_code in EN_DEM_REPLACE:
            base = list(EN_DEM_REPLACE[wc_code])
        else:
            base = []
            for g in ("m", "f"):
                base += split_en_demonym(dem.get("eng", {}).get(g, ""))
        base += EN_DEM_ADD.get(wc_code, [])
        en_forms = []
        for w in dedupe(base):
            en_forms.append(w)
            p = en_plural(w)
            if p:
                en_forms.append(p)
        en_forms += EN_DEM_RAW.get(wc_code, [])
        entries[(code, "demonym", "en")].extend(en_forms)
        # French
        if wc_code in FR_DEM_REPLACE:
            pairs = list(FR_DEM_REPLACE[wc_code])
        else:
            ms = split_fr_demonym(dem.get("fra", {}).get("m", ""))
            fs = split_fr_demonym(dem.get("fra", {}).get("f", ""))
            pairs = list(zip(ms, fs)) if len(ms) == len(fs) else []
            if not pairs and (ms or fs):
                raise SystemExit(f"{wc_code}: cannot pair French demonyms {ms} / {fs}")
        pairs += FR_DEM_ADD.get(wc_code, [])
        fr_forms = []
        for m, f in pairs:
            fr_forms += fr_inflect(m, f)
        fr_forms += FR_DEM_RAW.get(wc_code, [])
        entries[(code, "demonym", "fr")].extend(fr_forms)

    # ---- capitals (states only)
    for wc_code in sorted(states):
        c = by_code[wc_code]
        code = vcode(wc_code)
        if wc_code in CAPITALS:
            en, fr = CAPITALS[wc_code]
        else:
            caps = c.get("capital", [])
            en = fr = caps[:1]
        name_keys = {lang: {key(f) for f in entries[(code, "name", lang)]} for lang in ("en", "fr")}
        en = [f for f in en if key(f) not in name_keys["en"] and key(f) not in BLOCK]
        fr = [f for f in fr if key(f) not in name_keys["fr"] and key(f) not in BLOCK]
        if en and fr and [key(f) for f in dedupe(en)] == [key(f) for f in dedupe(fr)]:
            entries[(code, "capital", "*")].extend(en)
        else:
            entries[(code, "capital", "en")].extend(en)
            entries[(code, "capital", "fr")].extend(fr)

    # ---- lower-case first word variants for French names ("îles Salomon")
    for (code, kind, lang), forms in list(entries.items()):
        if kind == "name" and lang == "fr":
            extra = []
            for f in forms:
                first, _, rest = f.partition(" ")
                if first in FR_LOWER_FIRST and any(c.isupper() for c in rest):
                    extra.append(first.lower() + " " + rest)
            forms.extend(extra)

    # ---- cross-checks: dedupe, seats, one code per folded form
    seat_keys = read_seat_keys()
    for k in list(entries):
        forms = dedupe(entries[k])
        kept = []
        for f in forms:
            if key(f) in seat_keys:
                dropped.append(f"{k[0]} {k[1]} {f!r}: in seats.tsv ({seat_keys[key(f)]})")
                continue
            kept.append(f)
        entries[k] = kept
    owners: dict[str, set[str]] = defaultdict(set)
    for (code, _kind, _lang), forms in entries.items():
        for f in forms:
            owners[key(f)].add(code)
    conflicts = {k: v for k, v in owners.items() if len(v) > 1}
    unresolved = {k: v for k, v in conflicts.items() if k not in RESOLVE}
    if unresolved:
        for k, v in sorted(unresolved.items()):
            print(f"CONFLICT {k!r}: {sorted(v)}", file=sys.stderr)
        raise SystemExit("unresolved conflicts: add them to RESOLVE or BLOCK")
    for k in list(entries):
        code = k[0]
        entries[k] = [f for f in entries[k] if RESOLVE.get(key(f), code) == code]

    # ---- invariants
    for (code, kind, lang), forms in entries.items():
        for f in forms:
            if "\t" in f or "|" in f or not f.strip():
                raise SystemExit(f"bad form {f!r}")
            if letters(f) < 2:
                raise SystemExit(f"short form {code} {kind} {f!r}")
            if kind in ("name", "capital") and case_rule(f) == "any":
                first, _, rest = f.partition(" ")
                if not (first.capitalize() in FR_LOWER_FIRST
                        and (any(c.isupper() for c in rest) or f in LOWER_OK)):
                    raise SystemExit(f"{code} {kind} form must start with a capital: {f!r}")
            if kind == "demonym" and lang == "fr" and f != f.lower():
                raise SystemExit(f"{code} French demonym must be lower case: {f!r}")
            if kind == "demonym" and lang == "en" and not f[0].isupper():
                raise SystemExit(f"{code} English demonym must be capitalised: {f!r}")
    codes = sorted({k[0] for k in entries})
    for code in codes:
        for lang in ("en", "fr"):
            if not entries.get((code, "name", lang)):
                raise SystemExit(f"{code} has no {lang} name")

    # ---- write countries.tsv
    kind_order = {"name": 0, "demonym": 1, "capital": 2}
    lang_order = {"en": 0, "fr": 1, "*": 2}
    wc_ver = f"{WORLD_COUNTRIES[0]} {WORLD_COUNTRIES[1]}"
    i18n_ver = f"{I18N[0]} {I18N[1]}"
    header = [
        "# Generated by scripts/data/gen_countries.py -- do not edit by hand; change the script and rerun.",
        f"# Sources: npm {wc_ver} (countries.json, ODbL-1.0) and npm {i18n_ver} (MIT),",
        "# plus hand-curated forms in the script. As a database derived from world-countries, this file is",
        "# available under the Open Database License (ODbL-1.0). See DATA_SOURCES.md.",
        "# Dependencies are folded into the state that controls them (kind `name` only).",
        "# code\tkind\tlang\tforms",
    ]
    lines = []
    for (code, kind, lang), forms in sorted(
            entries.items(), key=lambda kv: (kv[0][0], kind_order[kv[0][1]], lang_order[kv[0][2]])):
        if forms:
            lines.append(f"{code}\t{kind}\t{lang}\t{'|'.join(forms)}")
    OUT_COUNTRIES.parent.mkdir(parents=True, exist_ok=True)
    OUT_COUNTRIES.write_text("\n".join(header + lines) + "\n", encoding="utf-8")

    # ---- write country_info.tsv
    info_header = [
        "# Generated by scripts/data/gen_countries.py -- do not edit by hand; change the script and rerun.",
        f"# Sources: npm {wc_ver} (countries.json: codes, latlng; ODbL-1.0) and npm {i18n_ver} (MIT);",
        "# display names from the first name form of countries.tsv unless overridden in the script.",
        "# As a database derived from world-countries, this file is available under ODbL-1.0.",
        "# code\tiso2\tname_en\tname_fr\tlat\tlon",
    ]
    info_lines = []
    for wc_code in sorted(states | INFO_ONLY, key=vcode):
        c = by_code[wc_code]
        code = vcode(wc_code)
        if wc_code in INFO_ONLY:
            name_en = c["name"]["common"]
            name_fr = NAMES_FR.get(wc_code, [c["translations"]["fra"]["common"]])[0]
        else:
            name_en = DISPLAY_EN.get(code) or entries[(code, "name", "en")][0]
            name_fr = DISPLAY_FR.get(code) or entries[(code, "name", "fr")][0]
        lat, lon = c["latlng"]
        info_lines.append("\t".join([code, c["cca2"], name_en, name_fr, fmt_coord(lat), fmt_coord(lon)]))
    OUT_INFO.write_text("\n".join(info_header + info_lines) + "\n", encoding="utf-8")

    # ---- summary and spot checks
    by_kind: dict[str, int] = defaultdict(int)
    forms_by_kind: dict[str, int] = defaultdict(int)
    for (code, kind, lang), forms in entries.items():
        if forms:
            by_kind[kind] += 1
            forms_by_kind[kind] += len(forms)

    def has(code, kind, lang, *forms):
        have = set(entries.get((code, kind, lang), []))
        missing = [f for f in forms if f not in have]
        if missing:
            raise SystemExit(f"check failed: {code} {kind} {lang} lacks {missing}")

    has("MLI", "name", "en", "Mali")
    has("MLI", "name", "fr", "Mali")
    has("MLI", "demonym", "en", "Malian", "Malians")
    has("MLI", "demonym", "fr", "malien", "malienne", "maliens", "maliennes")
    has("MLI", "capital", "*", "Bamako")
    has("FRA", "name", "en", "France")
    has("FRA", "name", "fr", "France")
    has("FRA", "demonym", "fr", "français", "française", "françaises")
    has("FRA", "demonym", "en", "French")
    has("RUS", "name", "en", "Russia")
    has("RUS", "name", "fr", "Russie", "Fédération de Russie")
    has("RUS", "demonym", "fr", "russe", "russes")
    has("RUS", "demonym", "en", "Russian", "Russians")
    has("RUS", "capital", "en", "Moscow")
    has("RUS", "capital", "fr", "Moscou")
    has("NER", "name", "fr", "Niger")
    has("NGA", "name", "fr", "Nigeria")
    has("GIN", "name", "fr", "Guinée")
    has("GNB", "name", "fr", "Guinée-Bissau")
    has("GNQ", "name", "fr", "Guinée équatoriale")
    has("USA", "name", "fr", "États-Unis")
    has("COD", "name", "fr", "RDC")
    for bad in ("us", "Reunion", "Réunion", "Island", "IN", "IT", "NO"):
        for (code, kind, lang), forms in entries.items():
            if bad in forms and kind != "demonym":
                raise SystemExit(f"dangerous form {bad!r} under {code} {kind} {lang}")

    print(f"wrote {OUT_COUNTRIES.relative_to(ROOT)}: {len(lines)} lines, {len(codes)} codes")
    for kind in ("name", "demonym", "capital"):
        print(f"  {kind:8} {by_kind[kind]:4} lines {forms_by_kind[kind]:5} forms")
    print(f"wrote {OUT_INFO.relative_to(ROOT)}: {len(info_lines)} rows")
    print(f"resolved conflicts: {', '.join(f'{k}->{RESOLVE[k]}' for k in sorted(conflicts))}")
    print(f"dropped {len(dropped)} source forms (run with -v to list)")
    if "-v" in sys.argv:
        for d in dropped:
            print("  " + d)
    print("checks passed: MLI, FRA, RUS, Niger/Nigeria, Guinée x3, États-Unis, RDC")


if __name__ == "__main__":
    main()
