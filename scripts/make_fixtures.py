#!/usr/bin/env python3
"""Writes the product snapshot fixtures in fixtures/products/.

    python3 scripts/make_fixtures.py [--out fixtures/products] [--seed 20261128]

Two RAW product exports of a made-up outdoor/apparel retailer, one JSON object per line, as a
Business Central export might deliver them: lines in no particular order, members in no particular
order, mixed spacing, numbers spelt non-canonically (`19.90`, `1.0e2`, `5.00`), some strings with
`\\u` escapes or `\\/`. These are the inputs of `posbridge snapshot canonicalize` (key `sku`, ref
`bcId`), not canonical snapshots.

  products-before.jsonl   the catalogue on night 1 (300 products)
  products-after.jsonl    the catalogue on night 2, with the deliberate differences listed in
                          README.md (and, machine-readable, in expected.json)
  expected.json           the expected diff classification per key
  README.md               what the files are, and the differences by SKU

The output is deterministic: same seed, same bytes (standard library only; no set or hash order is
ever relied on). All names, EANs and ids are invented; EANs use the GS1 prefix 20-29, which is
reserved for in-store numbering and never names a real trade item.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import unicodedata
import uuid
from decimal import Decimal

DEFAULT_SEED = 20261128
PRODUCT_COUNT = 300

# --------------------------------------------------------------------------------------------
# Decimal text
# --------------------------------------------------------------------------------------------


def canon_decimal(units: int, scale: int) -> str:
    """The canonical text of units × 10^-scale: no exponent, no trailing fraction zeros, 0 for zero."""
    sign = "-" if units < 0 else ""
    q, r = divmod(abs(units), 10**scale)
    frac = f"{r:0{scale}d}".rstrip("0") if scale else ""
    if q == 0 and not frac:
        return "0"
    return f"{sign}{q}.{frac}" if frac else f"{sign}{q}"


def raw_decimal(units: int, scale: int, style: str) -> str:
    """The same number in one of several JSON spellings (all equal in value)."""
    canon = canon_decimal(units, scale)
    if style == "canon" or units == 0:
        return canon
    sign = "-" if units < 0 else ""
    q, r = divmod(abs(units), 10**scale)
    if style == "fixed":  # 19.90, 129.00, 0.850
        return f"{sign}{q}.{r:0{scale}d}" if scale else f"{sign}{q}.0"
    if style == "padded":  # 19.900, 129.0
        return canon + ("0" if "." in canon else ".0")
    if style == "exp":  # 1.99e1, 1.0e2, 8.5E-1
        digits = str(abs(units))
        stripped = digits.rstrip("0")
        exponent = -scale + (len(digits) - len(stripped)) + len(stripped) - 1
        mantissa = f"{stripped[0]}.{stripped[1:] or '0'}"
        return f"{sign}{mantissa}e{exponent}" if exponent >= 0 else f"{sign}{mantissa}E{exponent}"
    raise ValueError(style)


def check_spelling(raw: str, units: int, scale: int) -> None:
    assert Decimal(raw) == Decimal(units).scaleb(-scale), (raw, units, scale)


# --------------------------------------------------------------------------------------------
# EAN-13
# --------------------------------------------------------------------------------------------


def ean_check_digit(first12: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def make_ean(rng: random.Random, used: dict[str, bool]) -> str:
    while True:
        first12 = str(rng.randint(20, 29)) + f"{rng.randrange(10**10):010d}"
        ean = first12 + str(ean_check_digit(first12))
        if ean not in used:
            used[ean] = True
            return ean


def ean_is_valid(ean: str) -> bool:
    return len(ean) == 13 and ean.isdigit() and ean_check_digit(ean[:12]) == int(ean[12])


# --------------------------------------------------------------------------------------------
# The made-up catalogue
# --------------------------------------------------------------------------------------------

# (name, category, type, price range in cents, weight range in grams or None, attribute kind,
#  description). Attribute kinds: "apparel" (colour + size, size also in the name), "colour",
#  "material", "capacity", "none".
BASES = [
    ("Wanderjacke", "Outdoor/Jackets", "simple", (8990, 24990), (450, 900), "apparel",
     "Wasserdichte Jacke für Tagestouren, mit Kapuze."),
    ("Softshell-Weste", "Outdoor/Jackets", "simple", (4990, 8990), (250, 400), "apparel",
     "Winddichte Weste aus Softshell."),
    ("Chaqueta impermeable Señora", "Outdoor/Jackets", "simple", (7990, 15990), (400, 700), "apparel",
     "Chaqueta ligera para lluvia."),
    ("Regenhose", "Apparel/Trousers", "simple", (3990, 8990), (200, 400), "apparel",
     "Überhose mit seitlichem Reißverschluss."),
    ("Trekkinghose Zip-Off", "Apparel/Trousers", "simple", (5990, 9990), (300, 500), "apparel",
     "Hose mit abnehmbaren Beinen.\nMaterial: Polyamid, Pflege: 30 \u00b0C."),
    ("Funktionsshirt Merino", "Apparel/Shirts", "simple", (3990, 6990), (120, 220), "apparel",
     "Shirt aus Merinowolle, geruchshemmend."),
    ("Mikina s kapucí", "Apparel/Shirts", "simple", (3490, 5990), (350, 600), "apparel",
     "Bavlněná mikina s kapucí."),
    ("Ærøskøbing Mütze", "Apparel/Headwear", "simple", (1990, 3490), (60, 120), "colour",
     "Strickmütze aus Wolle, dänisches Design."),
    ("Tuque d'hiver Québec", "Apparel/Headwear", "simple", (1790, 2990), (60, 110), "colour",
     "Bonnet d'hiver tricoté."),
    ("Kšiltovka Horal", "Apparel/Headwear", "simple", (1290, 2490), (50, 90), "colour",
     "Kšiltovka s plochým štítkem."),
    ("Wollsocken Merino", "Apparel/Socks", "simple", (1290, 2290), (40, 80), "apparel",
     "Wandersocken, Merino/Polyamid."),
    ("Bergstiefel wasserdicht", "Footwear/Hiking Boots", "simple", (12990, 24990), (1100, 1600), "apparel",
     "Knöchelhoher Bergschuh mit Profilsohle."),
    ("Trekkingsandale Łódź", "Footwear/Sandals", "simple", (3990, 7990), (500, 800), "apparel",
     "Sandale mit Klettverschluss."),
    ("Zelt Kuppel 2-Personen", "Outdoor/Tents", "simple", (12990, 34990), (2100, 3400), "colour",
     "Freistehendes Kuppelzelt mit zwei Apsiden."),
    ("Tunnelzelt Fjordland 3P", "Outdoor/Tents", "simple", (19990, 44990), (3000, 4600), "colour",
     "Tunnelzelt für drei Personen."),
    ("Schlafsack Daunen \u22125 \u00b0C", "Outdoor/Sleeping Bags", "simple", (14990, 29990), (800, 1300), "material",
     "Mumienschlafsack, Komfort \u22125 \u00b0C."),
    ("Søvnpose Komfort", "Outdoor/Sleeping Bags", "simple", (7990, 12990), (1200, 1700), "material",
     "Sovepose med syntetisk fyld."),
    ("Isomatte selbstaufblasend 5 cm", "Outdoor/Sleeping Mats", "simple", (4990, 9990), (900, 1400), "colour",
     "Selbstaufblasende Matte, R-Wert 4."),
    ("Rucksack Gipfelstürmer 30 l", "Outdoor/Backpacks", "simple", (6990, 12990), (900, 1300), "colour",
     "Tagesrucksack mit Rückenbelüftung."),
    ("Trekkingrucksack 65+10 l", "Outdoor/Backpacks", "simple", (14990, 22990), (1900, 2500), "colour",
     "Großer Rucksack für Mehrtagestouren."),
    ("Stirnlampe 300 lm", "Accessories/Lamps", "simple", (2490, 4990), (70, 110), "colour",
     "Stirnlampe mit Rotlicht, USB-C."),
    ("Laterne LED Camping", "Accessories/Lamps", "simple", (1990, 3990), (200, 350), "colour",
     "Dimmbare Campinglaterne."),
    ("Trinkflasche 1 l Edelstahl", "Accessories/Bottles", "simple", (1990, 3490), (300, 420), "capacity",
     "Doppelwandig, hält 12 h warm."),
    ("Thermobecher \"Alpin\" 0,5 l", "Accessories/Bottles", "simple", (1490, 2490), (250, 320), "capacity",
     "Becher mit Trinkverschluss."),
    ("Crème brûlée Becher", "Accessories/Kitchen", "simple", (690, 1290), (150, 250), "colour",
     "Emaillebecher, 250 ml."),
    ("Salz & Pfeffer Streuer Camping", "Accessories/Kitchen", "simple", (590, 990), (60, 90), "none",
     "Doppelstreuer für die Reiseküche."),
    ("Spork Titan", "Accessories/Kitchen", "simple", (990, 1690), (15, 25), "none",
     "Löffel & Gabel in einem."),
    ("Gaskartusche 230 g", "Accessories/Stoves", "simple", (590, 890), (370, 390), "none",
     "Schraubkartusche Butan/Propan."),
    ("Kocher Kompakt", "Accessories/Stoves", "simple", (2990, 5990), (80, 140), "none",
     "Leichter Aufschraubkocher."),
    ("Kletterseil 9,8 mm \u00d7 60 m", "Climbing/Ropes", "simple", (12990, 18990), (3600, 4000), "colour",
     "Einfachseil, dry-behandelt."),
    ("Karabiner HMS", "Climbing/Hardware", "simple", (990, 1990), (70, 90), "colour",
     "Verschlusskarabiner mit Schraubsicherung."),
    ("\u010cokol\u00e1da ho\u0159k\u00e1 70 %", "Food/Snacks", "simple", (249, 449), (100, 100), "none",
     "Hořká čokoláda na cesty."),
    ("Müsliriegel Nuss & Honig", "Food/Snacks", "simple", (129, 249), (40, 50), "none",
     "Energieriegel, 40 g."),
    ("Kaffee \u201eGipfelgl\u00fcck\u201c 250 g", "Food/Drinks", "simple", (699, 1099), (250, 260), "none",
     "Gemahlener Kaffee, kräftig."),
    ("Sticker Bergziege \U0001f410", "Accessories/Gifts", "simple", (199, 399), (5, 10), "none",
     "Aufkleber, wetterfest."),
    ("Lederpflege Wachs", "Accessories/Care", "simple", (790, 1290), (100, 120), "none",
     "Imprägnierwachs für Glattleder."),
]

SERVICES = [
    ("Reparatur: Reißverschluss tauschen", "Services/Repairs", (1990, 3990), "Austausch inkl. Material."),
    ("Skiservice Belag & Kanten", "Services/Repairs", (2990, 4990), "Belag ausbessern, Kanten schleifen."),
    ("Zeltverleih pro Tag", "Services/Rental", (1200, 2500), "Leihzelt, Abholung im Laden."),
    ("Rucksackverleih pro Wochenende", "Services/Rental", (1500, 2500), "Leihrucksack, 2 Tage."),
    ("Kletterkurs Einsteiger", "Services/Courses", (4900, 8900), "Halbtageskurs in der Halle."),
    ("Schuhanpassung Leisten weiten", "Services/Repairs", (1500, 2500), "Weiten am Leisten, 24 h."),
]

NON_INVENTORY = [
    ("Geschenkgutschein 25 \u20ac", "Gift Cards", 2500, "Gutschein, einlösbar in allen Filialen."),
    ("Geschenkgutschein 50 \u20ac", "Gift Cards", 5000, "Gutschein, einlösbar in allen Filialen."),
    ("Geschenkgutschein 100 \u20ac", "Gift Cards", 10000, "Gutschein, einlösbar in allen Filialen."),
    ("Versandkostenpauschale", "Fees", 495, "Versand innerhalb Deutschlands."),
    ("Pfand Gaskartusche", "Fees", 200, "Pfand, wird bei Rückgabe erstattet."),
]

COLOURS = [("BLK", "black"), ("RED", "red"), ("BLU", "blue"), ("GRN", "green"), ("ORG", "orange"),
           ("GRY", "grey"), ("NVY", "navy"), ("OLV", "olive")]
COLOUR_DE = {"black": "schwarz", "red": "rot", "blue": "blau", "green": "grün", "orange": "orange",
             "grey": "grau", "navy": "marine", "olive": "oliv"}
EDITIONS = ["2er-Pack", "Vorjahresmodell", "3er-Pack", "Sonderedition", "Großpackung", "Outlet"]
SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
SHOE_SIZES = ["38", "39", "40", "41", "42", "43", "44", "45", "46"]
MATERIALS = ["Daune 90/10", "Synthetik", "Merino", "Polyester"]
CAPACITIES = [(5, 1), (75, 2), (1, 0), (15, 1)]  # (units, scale) litres: 0.5, 0.75, 1, 1.5


def new_guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def price_in(rng: random.Random, low: int, high: int) -> int:
    """A shop price in cents between low and high, ending in 90, 95 or 00."""
    euros = rng.randint(low // 100, high // 100)
    cents = rng.choice([90, 90, 95, 0, 49, 99])
    if euros < 3 and cents == 0:
        cents = 49
    return euros * 100 + cents


def build_catalogue(rng: random.Random, count: int, used_eans: dict[str, bool]) -> list[dict]:
    """count products. Each product is a dict of Python values; decimals are (units, scale)."""
    products: list[dict] = []
    next_number = 10001
    used_keys: dict[str, bool] = {}
    seen_names: dict[str, int] = {}

    def add(product: dict) -> None:
        assert product["sku"] not in used_keys, product["sku"]
        used_keys[product["sku"]] = True
        seen = seen_names.get(product["name"], 0)  # a second "Spork Titan" becomes "Spork Titan (2er-Pack)"
        seen_names[product["name"]] = seen + 1
        if seen:
            product["name"] = f"{product['name']} ({EDITIONS[(seen - 1) % len(EDITIONS)]})"
        products.append(product)

    for index, (name, category, price_cents, description) in enumerate(NON_INVENTORY):
        add(dict(sku=f"NI-{index + 1:03d}", name=name, description=description,
                 price=(price_cents, 2), priceIncludesTax=True, currency="EUR",
                 ean=make_ean(rng, used_eans), category=category, type="nonInventory",
                 published=True, weightKg=None, attributes={}, bcId=new_guid(rng)))
    for index, (name, category, (low, high), description) in enumerate(SERVICES):
        add(dict(sku=f"SRV-{index + 1:04d}", name=name, description=description,
                 price=(price_in(rng, low, high), 2), priceIncludesTax=rng.random() < 0.5,
                 currency="EUR", ean=make_ean(rng, used_eans), category=category, type="service",
                 published=True, weightKg=None, attributes={}, bcId=new_guid(rng)))

    bases = list(BASES)
    while len(products) < count:
        rng.shuffle(bases)
        for name, category, kind, (low, high), weights, attr_kind, description in bases:
            if len(products) >= count:
                break
            number = next_number
            next_number += rng.randint(1, 37)
            base_price = price_in(rng, low, high)
            grams = rng.randint(*weights) if weights else None
            if attr_kind == "apparel":
                sizes = SHOE_SIZES if category.startswith("Footwear") else SIZES
                colours = rng.sample(COLOURS, rng.randint(1, 2))
                chosen = sorted(rng.sample(sizes, rng.randint(2, 4)), key=sizes.index)
                for code, colour in colours:
                    for size in chosen:
                        if len(products) >= count:
                            break
                        word = "Größe" if rng.random() < 0.8 else "Gr."
                        add(dict(sku=f"SKU-{number}/{code}-{size}", name=f"{name} {COLOUR_DE[colour]} {word} {size}",
                                 description=description, price=(base_price, 2),
                                 priceIncludesTax=True, currency="EUR",
                                 ean=make_ean(rng, used_eans), category=category, type=kind,
                                 published=rng.random() < 0.93,
                                 weightKg=None if grams is None else (grams, 3),
                                 attributes={"colour": colour, "size": size}, bcId=new_guid(rng)))
                continue
            full_name = name
            if attr_kind == "colour":
                attributes = {"colour": rng.choice(COLOURS)[1]}
                full_name = f"{name} {COLOUR_DE[attributes['colour']]}"
            elif attr_kind == "material":
                attributes = {"material": rng.choice(MATERIALS)}
            elif attr_kind == "capacity":
                units, scale = rng.choice(CAPACITIES)
                attributes = {"capacityL": (units, scale), "colour": rng.choice(COLOURS)[1]}
            else:
                attributes = {}
            weight = None if grams is None or rng.random() < 0.06 else (grams, 3)
            add(dict(sku=f"SKU-{number}", name=full_name, description=description, price=(base_price, 2),
                     priceIncludesTax=True, currency="EUR", ean=make_ean(rng, used_eans),
                     category=category, type=kind, published=rng.random() < 0.93, weightKg=weight,
                     attributes=attributes, bcId=new_guid(rng)))
    return products


# --------------------------------------------------------------------------------------------
# Raw (non-canonical) line writer
# --------------------------------------------------------------------------------------------

NUMBER_STYLES = ["canon"] * 5 + ["fixed"] * 3 + ["padded", "exp"]


class RawWriter:
    """Spells one product as a raw JSON line: shuffled members, mixed spacing and escapes."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def line(self, product: dict, forced: dict[str, str] | None = None) -> str:
        """forced: top-level member name -> exact raw value text (for the deliberate traps)."""
        rng = self.rng
        forced = forced or {}
        ascii_only = rng.random() < 0.08
        escape_slash = rng.random() < 0.15
        sep, colon = (", ", ": ") if rng.random() < 0.35 else (",", ":")

        def string(text: str) -> str:
            out = json.dumps(text, ensure_ascii=ascii_only)
            return out.replace("/", "\\/") if escape_slash else out

        def value(v) -> str:
            if v is None:
                return "null"
            if isinstance(v, bool):
                return "true" if v else "false"
            if isinstance(v, tuple):
                units, scale = v
                raw = raw_decimal(units, scale, rng.choice(NUMBER_STYLES))
                check_spelling(raw, units, scale)
                return raw
            if isinstance(v, str):
                return string(v)
            if isinstance(v, dict):
                return obj(v, {})
            raise TypeError(type(v))

        def obj(members: dict, overrides: dict[str, str]) -> str:
            items = list(members.items())
            rng.shuffle(items)
            return "{" + sep.join(string(k) + colon + (overrides.get(k) or value(v)) for k, v in items) + "}"

        return obj(product, forced)


# --------------------------------------------------------------------------------------------
# The night-to-night changes
# --------------------------------------------------------------------------------------------


def pick(rng: random.Random, products: list[dict], taken: dict[str, bool], accept) -> dict:
    candidates = [p for p in products if p["sku"] not in taken and accept(p)]
    chosen = rng.choice(candidates)
    taken[chosen["sku"]] = True
    return chosen


def show(v) -> str:
    """A value as the README shows it (decimals in canonical text)."""
    if isinstance(v, tuple):
        return canon_decimal(*v)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {show(x)}" for k, x in sorted(v.items())) + "}"
    return json.dumps(v, ensure_ascii=False)


def make(seed: int) -> dict:
    rng = random.Random(seed)
    used_eans: dict[str, bool] = {}
    before = build_catalogue(rng, PRODUCT_COUNT, used_eans)
    after = [dict(p, attributes=dict(p["attributes"])) for p in before]
    by_sku = {p["sku"]: p for p in after}
    taken: dict[str, bool] = {}
    bad_ean: dict[str, bool] = {}
    changes: list[dict] = []  # {sku, kind, expected, what}
    forced_before: dict[str, dict[str, str]] = {}
    forced_after: dict[str, dict[str, str]] = {}

    def update(kind: str, accept, apply, expected: str = "update") -> None:
        p_before = pick(rng, before, taken, accept)
        p_after = by_sku[p_before["sku"]]
        what = apply(p_before, p_after)
        changes.append(dict(sku=p_before["sku"], kind=kind, expected=expected, what=what))

    simple = lambda p: p["type"] == "simple"  # noqa: E731

    # --- real updates (3 % of 300 = 10) ---
    def price_up(b, a):
        units = b["price"][0]
        a["price"] = (units + 500, 2)
        return f"price {show(b['price'])} → {show(a['price'])}"
    update("price increase", simple, price_up)

    def price_down(b, a):
        units = b["price"][0]
        a["price"] = ((units * 8 // 10) // 100 * 100 - 10, 2)  # about 20 % off, ending in ,90
        assert 0 < a["price"][0] < units
        return f"price {show(b['price'])} → {show(a['price'])} (sale)"
    update("price decrease", lambda p: simple(p) and p["price"][0] > 3000, price_down)

    def rename(b, a):
        a["name"] = b["name"].replace("Regenhose", "Regenhose Stretch", 1)
        return f"name {show(b['name'])} → {show(a['name'])}"
    update("renamed", lambda p: p["name"].startswith("Regenhose"), rename)

    def move(b, a):
        a["category"] = "Outdoor/Lighting"
        return f"category {show(b['category'])} → {show(a['category'])}"
    update("category moved", lambda p: p["category"] == "Accessories/Lamps" and not p["name"].startswith("Stirnlampe 300 lm"), move)

    def ean_fix(b, a):
        good = b["ean"]
        wrong = good[:12] + str((int(good[12]) + 3) % 10)
        b["ean"] = wrong  # night 1 carries a typo'd check digit; night 2 has it right
        assert not ean_is_valid(wrong) and ean_is_valid(good)
        bad_ean[b["sku"]] = True
        return f"ean {show(wrong)} (bad check digit) → {show(good)}"
    update("EAN fixed", simple, ean_fix)

    def attribute(b, a):
        old = b["attributes"]["colour"]
        a["attributes"]["colour"] = "dark " + old
        return f"attributes.colour {show(old)} → {show(a['attributes']['colour'])}"
    update("attribute changed", lambda p: "colour" in p["attributes"] and "size" not in p["attributes"], attribute)

    def whitespace(b, a):
        text = b["description"]
        a["description"] = text.replace(" ", "  ", 1)
        word = text.split(" ", 1)[0]
        return (f"description {show(text)} → {show(a['description'])} (the space after \"{word}\" "
                "doubled; white space inside a string is data)")
    update("description whitespace only", lambda p: " " in p["description"], whitespace)

    def case_only(b, a):
        a["name"] = b["name"].replace("lm", "LM")
        return f"name {show(b['name'])} → {show(a['name'])} (case only; strings compare exactly)"
    update("name differs in case only", lambda p: p["name"].startswith("Stirnlampe 300 lm"), case_only)

    def unpublish(b, a):
        a["published"] = False
        return "published true → false"
    update("unpublished", lambda p: simple(p) and p["published"], unpublish)

    def weight_filled(b, a):
        a["weightKg"] = (rng.randint(300, 900), 3)
        return f"weightKg null → {show(a['weightKg'])}"
    update("weight filled in", lambda p: simple(p) and p["weightKg"] is None, weight_filled)

    # --- equal in value, spelt differently: must come out unchanged ---
    def price_zero(b, a):
        b["price"] = a["price"] = (1990, 2)
        forced_before[b["sku"]] = {"price": "19.90"}
        forced_after[b["sku"]] = {"price": "19.9"}
        return "price written 19.90 on night 1 and 19.9 on night 2 (equal)"
    update("number spelling 19.90 / 19.9", simple, price_zero, "unchanged")

    def price_exp(b, a):
        b["price"] = a["price"] = (10000, 2)
        forced_before[b["sku"]] = {"price": "1.0e2"}
        forced_after[b["sku"]] = {"price": "100"}
        return "price written 1.0e2 on night 1 and 100 on night 2 (equal)"
    update("number spelling 1.0e2 / 100", simple, price_exp, "unchanged")

    def weight_zeros(b, a):
        b["weightKg"] = a["weightKg"] = (5000, 3)
        forced_before[b["sku"]] = {"weightKg": "5.00"}
        forced_after[b["sku"]] = {"weightKg": "5"}
        return "weightKg written 5.00 on night 1 and 5 on night 2 (equal)"
    update("number spelling 5.00 / 5", lambda p: p["category"] == "Outdoor/Tents", weight_zeros, "unchanged")

    def nfd(b, a):
        forced_before[b["sku"]] = {"name": json.dumps(unicodedata.normalize("NFC", b["name"]), ensure_ascii=False)}
        forced_after[b["sku"]] = {"name": json.dumps(unicodedata.normalize("NFD", b["name"]), ensure_ascii=False)}
        return (f"name {show(b['name'])} in NFC on night 1, decomposed (NFD: è, û, é as base letter + "
                "combining accent) on night 2 (equal after NFC)")
    update("Unicode NFC / NFD", lambda p: p["name"].startswith("Crème brûlée Becher"), nfd, "unchanged")

    def escaped(b, a):
        forced_before[b["sku"]] = {"name": json.dumps(b["name"], ensure_ascii=False)}
        forced_after[b["sku"]] = {"name": json.dumps(b["name"], ensure_ascii=True)}
        return f"name {show(b['name'])} written with \\u escapes on night 2 (equal)"
    update("name with \\u escapes", lambda p: "Ærøskøbing" in p["name"], escaped, "unchanged")

    for _ in range(3):
        def new_ref(b, a):
            a["bcId"] = new_guid(rng)
            return f"bcId {b['bcId']} → {a['bcId']} (ref only)"
        update("bcId only (ref)", lambda p: True, new_ref, "unchanged")

    # --- general noise: astral-plane names written as \u surrogate pairs on night 1 ---
    for p in before:
        if any(ord(ch) > 0xFFFF for ch in p["name"]):
            forced_before.setdefault(p["sku"], {}).setdefault("name", json.dumps(p["name"], ensure_ascii=True))

    # --- removed (1 %) ---
    removed: list[dict] = []
    for _ in range(3):
        p = pick(rng, before, taken, simple)
        removed.append(p)
        after.remove(by_sku[p["sku"]])

    # --- new (1 %) ---
    new_products = [
        dict(sku="SKU-20001", name="Biwaksack ultraleicht", description="Notbiwak, 180 g.",
             price=(4990, 2), priceIncludesTax=True, currency="EUR", ean=make_ean(rng, used_eans),
             category="Outdoor/Tents", type="simple", published=False, weightKg=(180, 3),
             attributes={"colour": "orange"}, bcId=new_guid(rng)),
        dict(sku="SKU-20002/OLV-M", name="Fleecejacke oliv Größe M", description="Fleece, 300 g/m².",
             price=(6990, 2), priceIncludesTax=True, currency="EUR", ean=make_ean(rng, used_eans),
             category="Outdoor/Jackets", type="simple", published=True, weightKg=(520, 3),
             attributes={"colour": "olive", "size": "M"}, bcId=new_guid(rng)),
        dict(sku="SRV-0007", name="Wachsservice Tourenski", description="Heißwachs, über Nacht.",
             price=(2500, 2), priceIncludesTax=False, currency="EUR", ean=make_ean(rng, used_eans),
             category="Services/Repairs", type="service", published=True, weightKg=None,
             attributes={}, bcId=new_guid(rng)),
    ]
    existing = {p["sku"] for p in before}
    for p in new_products:
        assert p["sku"] not in existing
    after.extend(new_products)

    for p in before + new_products:
        assert ean_is_valid(p["ean"]) != (p["sku"] in bad_ean), p
    return dict(before=before, after=after, changes=changes, removed=removed, created=new_products,
                forced_before=forced_before, forced_after=forced_after)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def write_raw(path: str, products: list[dict], forced: dict[str, dict[str, str]], rng: random.Random) -> None:
    writer = RawWriter(rng)
    lines = [writer.line(p, forced.get(p["sku"])) for p in products]
    rng.shuffle(lines)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(line + "\n" for line in lines))


def cell(text: str) -> str:
    """Text for a Markdown table cell."""
    return text.replace("|", "\\|")


def readme(result: dict, seed: int) -> str:
    changes = result["changes"]
    updates = [c for c in changes if c["expected"] == "update"]
    traps = [c for c in changes if c["expected"] == "unchanged"]
    n_before, n_after = len(result["before"]), len(result["after"])
    unchanged = n_before - len(result["removed"]) - len(updates)
    by_key = lambda c: c["sku"].encode()  # noqa: E731  (the order of a canonical snapshot)
    blocks = [
        "# Product snapshot fixtures\n",
        "Two RAW product exports of a made-up outdoor/apparel retailer, one night apart, as Business "
        "Central might deliver them. They are the *input* of `posbridge snapshot canonicalize` "
        "(key `sku`; `bcId` moved into `ref` with `--ref bcId`), not canonical snapshots: lines are in "
        "shuffled order, members are in no particular order, spacing varies, numbers are spelt "
        "non-canonically (`19.90`, `1.0e2`, `5.00`, `8.5E-1`), some lines escape non-ASCII characters as "
        "`\\uXXXX` (the emoji as a surrogate pair) or `/` as `\\/`, and some descriptions hold a `\\n`.\n",
        "| File | Contents |\n|---|---|\n"
        f"| `products-before.jsonl` | night 1: {n_before} products, one JSON object per line |\n"
        f"| `products-after.jsonl` | night 2: {n_after} products, with the differences below |\n"
        "| `expected.json` | the expected diff, key by key (the lists below, machine-readable) |\n"
        "| `README.md` | this file (written by the script too) |\n",
        "Each line has `sku` (the key; some contain `/` and `-`), `name`, `description`, `price` (decimal), "
        "`priceIncludesTax`, `currency` (`\"EUR\"`), `ean` (EAN-13 string), `category` (a path such as "
        "`Outdoor/Jackets`), `type` (`simple`, `service`, `nonInventory`), `published`, `weightKg` "
        "(decimal or `null`), `attributes` (an object, maybe empty) and `bcId` (a GUID: a Business Central "
        "reference, which goes to `ref` and is never compared).\n",
        "All data is invented; there is no personal data. EANs use the GS1 prefixes 20-29 (in-store "
        "numbering, never a real trade item) and carry a correct check digit, except the one deliberately "
        "wrong on night 1 (see below). Names are deliberately multilingual (ä ö ü ß, Č ř, Æ ø, ñ, Ł, „…“, "
        "−, °, ×, €, an emoji), and some hold `\"`, `&` or `'`.\n",
        "## Regenerate\n",
        "```sh\npython3 scripts/make_fixtures.py\n```\n",
        f"The script is deterministic (seed {seed}; Python standard library only): rerunning it rewrites "
        "the same bytes, and it re-reads what it wrote to check the expected classification. Change the "
        "script, not the files.\n",
        "## Expected diff\n",
        "After canonicalizing both files (key `sku`, `--ref bcId`) and diffing night 1 against night 2:\n",
        "| create | update | missing | unchanged |\n|---|---|---|---|\n"
        f"| {len(result['created'])} | {len(updates)} | {len(result['removed'])} | {unchanged} |\n",
        "Besides the deliberate differences below, every line of the two files is spelt afresh: member "
        "order, spacing, escapes and number spelling differ between the nights for almost every "
        "product, and all of that must come out unchanged.\n",
        "### Updates (must count as `update`)\n",
        "| SKU | Change | Detail |\n|---|---|---|\n"
        + "".join(f"| `{c['sku']}` | {c['kind']} | {cell(c['what'])} |\n" for c in sorted(updates, key=by_key)),
        "### Created (only on night 2)\n",
        "| SKU | Name |\n|---|---|\n"
        + "".join(f"| `{p['sku']}` | {cell(p['name'])} |\n" for p in sorted(result["created"], key=by_key)),
        "### Missing (only on night 1)\n",
        "| SKU | Name |\n|---|---|\n"
        + "".join(f"| `{p['sku']}` | {cell(p['name'])} |\n" for p in sorted(result["removed"], key=by_key)),
        "### Traps (different text, equal data: must count as `unchanged`)\n",
        "| SKU | Trap | Detail |\n|---|---|---|\n"
        + "".join(f"| `{c['sku']}` | {c['kind']} | {cell(c['what'])} |\n" for c in sorted(traps, key=by_key)),
        "Two of the updates may look like noise but are real changes: a description whose only change is "
        "white space, and a name that differs only in letter case. Canonical JSON normalizes Unicode (NFC) "
        "and the spelling of numbers, never the content of a string.\n",
    ]
    return "\n".join(blocks)


def expected_json(result: dict, seed: int) -> str:
    changes = result["changes"]
    updates = sorted((c["sku"] for c in changes if c["expected"] == "update"), key=str.encode)
    traps = sorted((c["sku"] for c in changes if c["expected"] == "unchanged"), key=str.encode)
    created = sorted((p["sku"] for p in result["created"]), key=str.encode)
    missing = sorted((p["sku"] for p in result["removed"]), key=str.encode)
    n_before = len(result["before"])
    doc = {
        "seed": seed,
        "records": {"before": n_before, "after": len(result["after"])},
        "counts": {"create": len(created), "update": len(updates), "missing": len(missing),
                   "unchanged": n_before - len(missing) - len(updates)},
        "create": created,
        "update": updates,
        "missing": missing,
        "unchangedTraps": traps,
        "changes": [{"sku": c["sku"], "kind": c["kind"], "expected": c["expected"], "detail": c["what"]}
                    for c in sorted(changes, key=lambda c: c["sku"].encode())],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def self_check(out_dir: str, result: dict) -> None:
    """Re-reads the files and checks them against the intended data (value equality)."""
    def load(path):
        rows = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                obj = json.loads(line, parse_float=Decimal, parse_int=Decimal)
                assert obj["sku"] not in rows, obj["sku"]
                rows[obj["sku"]] = obj
        return rows

    def norm(v):
        if isinstance(v, str):
            return unicodedata.normalize("NFC", v)
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, Decimal):
            return v.normalize()
        return v

    def fields(obj):
        return {k: norm(v) for k, v in obj.items() if k != "bcId"}

    before = load(os.path.join(out_dir, "products-before.jsonl"))
    after = load(os.path.join(out_dir, "products-after.jsonl"))
    created = sorted(k for k in after if k not in before)
    missing = sorted(k for k in before if k not in after)
    updated = sorted(k for k in before if k in after and fields(before[k]) != fields(after[k]))
    exp = json.loads(expected_json(result, 0))
    assert created == sorted(exp["create"]), created
    assert missing == sorted(exp["missing"]), missing
    assert updated == sorted(exp["update"]), updated


def main(argv: list[str]) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(here, "..", "fixtures", "products"))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    result = make(args.seed)
    os.makedirs(args.out, exist_ok=True)
    line_rng = random.Random(args.seed + 1)
    write_raw(os.path.join(args.out, "products-before.jsonl"), result["before"], result["forced_before"], line_rng)
    write_raw(os.path.join(args.out, "products-after.jsonl"), result["after"], result["forced_after"], line_rng)
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(expected_json(result, args.seed))
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme(result, args.seed))
    self_check(args.out, result)
    counts = json.loads(expected_json(result, args.seed))["counts"]
    print(f"wrote {os.path.normpath(args.out)}: {len(result['before'])} before, {len(result['after'])} after; "
          f"expected {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
