#!/usr/bin/env python3
"""Writes the Business Central emulator's seed data into fixtures/bc/ (deterministic: fixed seed).

Everything is invented: company, people, addresses (example.com / example.org e-mails). Run from the
package root: `python3 scripts/make_bc_fixtures.py`. The outputs are committed; re-running must give
identical files.
"""
import base64
import json
import os
import random
import uuid
from datetime import date, datetime, timedelta, timezone

RNG = random.Random(20261129)
OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "bc")
FOLDER = "outdoor"
BLANK = "00000000-0000-0000-0000-000000000000"
BASE_TIME = datetime(2026, 11, 1, 8, 0, 0, tzinfo=timezone.utc)


def guid():
    return str(uuid.UUID(int=RNG.getrandbits(128), version=4))


def stamp():
    """A lastModifiedDateTime in BC's style: UTC, Z, fractional seconds trimmed."""
    t = BASE_TIME + timedelta(seconds=RNG.randrange(0, 20 * 86400), milliseconds=RNG.randrange(0, 1000))
    text = t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3].rstrip("0").rstrip(".")
    return text + "Z"


def enc(caption):
    """AL caption -> EDM enum member name (reference §2 general conventions)."""
    table = {" ": "_x0020_", ".": "_x002E_", "-": "_x002D_", "/": "_x002F_", "(": "_x0028_", ")": "_x0029_"}
    return "".join(table.get(c, c) for c in caption)


def write(name, rows):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


companies = [
    {"id": guid(), "name": "CRONUS Outdoor AG", "displayName": "CRONUS Outdoor AG", "businessProfileId": "",
     "systemVersion": "25.1.23456.0", "timestamp": 1234, "seedFolder": FOLDER, "lastModifiedDateTime": stamp()},
    {"id": guid(), "name": "CRONUS Empty GmbH", "displayName": "CRONUS Empty GmbH", "businessProfileId": "",
     "systemVersion": "25.1.23456.0", "timestamp": 1235, "seedFolder": None, "lastModifiedDateTime": stamp()},
]

uoms = [{"id": guid(), "code": c, "displayName": d, "internationalStandardCode": i, "symbol": "", "lastModifiedDateTime": stamp()}
        for c, d, i in [("PCS", "Piece", "EA"), ("PAIR", "Pair", "PR"), ("DAY", "Day", "DAY"), ("SET", "Set", "SET")]]
uom = {u["code"]: u for u in uoms}

category_names = [("TENTS", "Tents"), ("BAGS", "Sleeping Bags"), ("PACKS", "Backpacks"), ("JACKETS", "Jackets"),
                  ("SHOES", "Footwear"), ("COOK", "Camp Kitchen"), ("LIGHT", "Lamps & Lights"), ("ACC", "Accessories"), ("APPAREL", "Apparel"),
                  ("SERVICES", "Services")]
categories = [{"id": guid(), "code": c, "displayName": d, "lastModifiedDateTime": stamp()} for c, d in category_names]

locations = [
    {"id": guid(), "code": "MAIN", "displayName": "Main warehouse Zurich", "contact": "Lea Beispiel", "addressLine1": "Lagerstrasse 1",
     "addressLine2": "", "city": "Zurich", "state": "ZH", "country": "CH", "postalCode": "8000", "phoneNumber": "+41 44 000 00 01",
     "email": "warehouse@example.com", "website": "", "lastModifiedDateTime": stamp()},
    {"id": guid(), "code": "EAST", "displayName": "Store St. Gallen", "contact": "Jonas Muster", "addressLine1": "Marktgasse 7",
     "addressLine2": "", "city": "St. Gallen", "state": "SG", "country": "CH", "postalCode": "9000", "phoneNumber": "+41 71 000 00 02",
     "email": "east@example.com", "website": "", "lastModifiedDateTime": stamp()},
    {"id": guid(), "code": "WEB", "displayName": "Web shop stock", "contact": "", "addressLine1": "Lagerstrasse 3", "addressLine2": "",
     "city": "Zurich", "state": "ZH", "country": "CH", "postalCode": "8000", "phoneNumber": "", "email": "shop@example.com",
     "website": "https://shop.example.com", "lastModifiedDateTime": stamp()},
]

payment_terms = [{"id": guid(), "code": c, "displayName": d, "dueDateCalculation": due, "discountDateCalculation": disc,
                  "discountPercent": pct, "calculateDiscountOnCreditMemos": False, "lastModifiedDateTime": stamp()}
                 for c, d, due, disc, pct in [("COD", "Cash on delivery", "0D", "", 0), ("14 DAYS", "Net 14 days", "14D", "", 0),
                                              ("30 DAYS", "Net 30 days", "30D", "", 0), ("2%8D/30", "2 % 8 days, net 30", "30D", "8D", 2)]]
shipment_methods = [{"id": guid(), "code": c, "displayName": d, "lastModifiedDateTime": stamp()}
                    for c, d in [("PICKUP", "Pickup at store"), ("POST", "Swiss Post parcel"), ("DPD", "DPD courier"), ("FREIGHT", "Freight forwarder")]]
currencies = [{"id": guid(), "code": c, "displayName": d, "symbol": s, "amountDecimalPlaces": "2:2", "amountRoundingPrecision": 0.01,
               "lastModifiedDateTime": stamp()} for c, d, s in [("EUR", "Euro", "€"), ("USD", "US dollar", "$")]]

# Items: SKU-1xxxx numbers overlap fixtures/products where they share a number; variants use the "/COL-SIZE" suffix idea as codes.
adjectives = ["Alpine", "Summit", "Trail", "Glacier", "Ridge", "Canyon", "Forest", "Lake", "Storm", "Sunny"]
nouns = {"TENTS": ["Dome Tent", "Tunnel Tent", "Tarp"], "BAGS": ["Down Bag", "Synthetic Bag", "Liner"],
         "PACKS": ["Daypack 20", "Trekking Pack 45", "Hip Bag"], "JACKETS": ["Rain Jacket", "Fleece", "Down Vest"],
         "SHOES": ["Hiking Boot", "Trail Runner", "Sandal"], "COOK": ["Stove", "Pot Set", "Mug"],
         "LIGHT": ["Headlamp", "Lantern", "Torch"], "ACC": ["Carabiner", "Map Case", "Water Bottle"]}
sizes = {"JACKETS": ["S", "M", "L", "XL"], "SHOES": ["40", "42", "44"]}
colours = ["BLK", "BLU", "RED", "ORG", "GRN"]
items, variants, sync_settings, attributes, stock, pictures = [], [], [], [], [], []
cat_by_code = {c["code"]: c for c in categories}
# Overlap with fixtures/products: its SKU-1xxxx numbers become items here; a plain product row lends the item its
# bcId, name, price and EAN, and "SKU-x/COL-SIZE" rows become that item's variants (variant id = the row's bcId).
PRODUCT_CATEGORY = {"Outdoor/Jackets": "JACKETS", "Apparel/Shirts": "APPAREL", "Apparel/Trousers": "APPAREL", "Apparel/Headwear": "APPAREL",
                    "Apparel/Socks": "APPAREL", "Footwear/Sandals": "SHOES", "Footwear/Hiking Boots": "SHOES", "Accessories/Kitchen": "COOK",
                    "Accessories/Stoves": "COOK", "Accessories/Lamps": "LIGHT", "Outdoor/Backpacks": "PACKS", "Outdoor/Sleeping Bags": "BAGS",
                    "Outdoor/Sleeping Mats": "BAGS", "Outdoor/Tents": "TENTS"}
product_groups = {}
with open(os.path.join(os.path.dirname(__file__), "..", "fixtures", "products", "products-before.jsonl"), encoding="utf-8") as f:
    for line in f:
        row = json.loads(line)
        base = row["sku"].split("/")[0]
        if base.startswith("SKU-1"):
            product_groups.setdefault(base, []).append(row)
product_numbers = {int(base[4:]) for base in product_groups}
numbers = sorted(product_numbers | set(RNG.sample(sorted(set(range(10000, 13000)) - product_numbers), 190 - len(product_numbers))))
for n, num in enumerate(numbers):
    cat = list(nouns)[n % len(nouns)]
    name = f"{RNG.choice(adjectives)} {RNG.choice(nouns[cat])}"
    kind = "Inventory" if n % 23 else "Non-Inventory"
    price = round(RNG.uniform(5, 450), 1)
    gtin = "76" + "".join(str(RNG.randrange(10)) for _ in range(11))
    item_id = guid()
    group = product_groups.get(f"SKU-{num}", [])
    plain = [r for r in group if "/" not in r["sku"]]
    product_variants = sorted((r for r in group if "/" in r["sku"]), key=lambda r: r["sku"])
    if group:
        cat = PRODUCT_CATEGORY.get(group[0]["category"], "ACC")
    if plain:
        item_id, name, price, gtin = plain[0]["bcId"], plain[0]["name"], plain[0]["price"], plain[0]["ean"]
        kind = {"simple": "Inventory", "nonInventory": "Non-Inventory", "service": "Service"}[plain[0]["type"]]
    elif product_variants:
        name, price, gtin = product_variants[0]["name"], min(r["price"] for r in product_variants), ""
        kind = "Inventory"
    unit = "PAIR" if cat == "SHOES" else "PCS"
    item = {"id": item_id, "number": f"SKU-{num}", "displayName": name, "displayName2": "", "type": enc(kind),
            "itemCategoryId": cat_by_code[cat]["id"], "itemCategoryCode": cat, "blocked": n % 37 == 0,
            "gtin": gtin, "inventory": 0, "unitPrice": price,
            "priceIncludesTax": True, "unitCost": round(price * 0.45, 2), "taxGroupId": BLANK, "taxGroupCode": "",
            "baseUnitOfMeasureId": uom[unit]["id"], "baseUnitOfMeasureCode": unit, "generalProductPostingGroupId": BLANK,
            "generalProductPostingGroupCode": "RETAIL", "inventoryPostingGroupId": BLANK, "inventoryPostingGroupCode": "RESALE",
            "lastModifiedDateTime": stamp()}
    items.append(item)
    codes = [""]
    if product_variants:
        codes = [r["sku"].split("/")[1] for r in product_variants]
        for r, code in zip(product_variants, codes):
            variants.append({"id": r["bcId"], "itemId": item["id"], "itemNumber": item["number"], "code": code,
                             "description": r["name"], "lastModifiedDateTime": stamp()})
    elif cat in sizes and (n // 8) % 2 == 0:
        codes = [f"{col}-{s}" for col in RNG.sample(colours, 2) for s in sizes[cat]]
        for code in codes:
            variants.append({"id": guid(), "itemId": item["id"], "itemNumber": item["number"], "code": code,
                             "description": f"{name} {code}", "lastModifiedDateTime": stamp()})
    sync_settings.append({"id": guid(), "itemId": item["id"], "itemNumber": item["number"],
                          "longDescription": f"{name}: robust, light and made for {RNG.choice(['rain', 'snow', 'long trails', 'summer nights'])}.",
                          "publish": n % 5 != 0, "takePart": n % 11 != 0, "lastModifiedDateTime": stamp()})
    for attr, values in [("Material", ["Nylon", "Polyester", "Merino", "Aluminium", "Steel"]), ("Season", ["All year", "Summer", "Winter"])]:
        attributes.append({"id": guid(), "itemId": item["id"], "itemNumber": item["number"],
                           "attributeId": {"Material": 1, "Season": 2}[attr], "attributeName": attr, "unitOfMeasure": "",
                           "value": RNG.choice(values), "lastModifiedDateTime": stamp()})
    total = 0
    if kind == "Inventory":
        for loc in locations:
            for code in codes:
                inv = RNG.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 40])
                res = min(inv, RNG.choice([0, 0, 0, 1, 2]))
                total += inv
                stock.append({"id": guid(), "itemId": item["id"], "itemNumber": item["number"], "variantCode": code,
                              "locationCode": loc["code"], "inventory": inv, "reservedOnSalesOrders": res, "available": inv - res,
                              "lastModifiedDateTime": stamp()})
    item["inventory"] = total
for n, (num, name, price) in enumerate([("SRV-0001", "Ski service", 39.0), ("SRV-0002", "Boot fitting", 25.0), ("SRV-0003", "Zeltverleih pro Tag", 25.9),
                                        ("SRV-0004", "Repair workshop hour", 80.0), ("SRV-0005", "Gift wrapping", 5.0)] +
                                       [(f"SRV-{10 + k:04d}", f"Guided tour {k + 1}", 120.0 + k) for k in range(5)]):
    items.append({"id": guid(), "number": num, "displayName": name, "displayName2": "", "type": "Service",
                  "itemCategoryId": cat_by_code["SERVICES"]["id"], "itemCategoryCode": "SERVICES", "blocked": False, "gtin": "",
                  "inventory": 0, "unitPrice": price, "priceIncludesTax": True, "unitCost": 0, "taxGroupId": BLANK, "taxGroupCode": "",
                  "baseUnitOfMeasureId": uom["DAY" if "tag" in name.lower() else "PCS"]["id"],
                  "baseUnitOfMeasureCode": "DAY" if "tag" in name.lower() else "PCS", "generalProductPostingGroupId": BLANK,
                  "generalProductPostingGroupCode": "SERVICES", "inventoryPostingGroupId": BLANK, "inventoryPostingGroupCode": "",
                  "lastModifiedDateTime": stamp()})
    sync_settings.append({"id": guid(), "itemId": items[-1]["id"], "itemNumber": num, "longDescription": name, "publish": False,
                          "takePart": True, "lastModifiedDateTime": stamp()})

# Tiny real images: a 1x1 PNG and a 1x1 JPEG-like header are enough for byte round-trips.
PNG = base64.b64encode(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                     "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a3e5cf6f0000000049454e44ae426082")).decode()
for item in items[:6]:
    pictures.append({"id": item["id"], "parentType": "Item", "width": 1, "height": 1, "contentType": "image/png", "contentBase64": PNG})

first = ["Anna", "Luca", "Mia", "Noah", "Elena", "Leon", "Sofia", "Matteo", "Lara", "Jan", "Nora", "David"]
last = ["Beispiel", "Muster", "Probst", "Keller", "Brunner", "Frei", "Graf", "Meier", "Huber", "Vogel"]
firms = ["Bergsport", "Hüttenbedarf", "Alpenclub", "Wanderschule", "Seeverein", "Outdoor Team", "Kletterhalle", "Skischule"]
cities = [("Zurich", "ZH", "8004"), ("Bern", "BE", "3011"), ("Basel", "BS", "4051"), ("Luzern", "LU", "6003"), ("Chur", "GR", "7000"),
          ("Lausanne", "VD", "1003")]
customers, classifications = [], []
for n in range(50):
    company = n % 3 == 0
    name = f"{RNG.choice(firms)} {RNG.choice(last)} AG" if company else f"{RNG.choice(first)} {RNG.choice(last)}"
    city, state, postal = RNG.choice(cities)
    mail_domain = "example.com" if n % 2 else "example.org"
    c = {"id": guid(), "number": f"C{10000 + n * 10}", "displayName": name, "type": "Company" if company else "Person",
         "addressLine1": f"{RNG.choice(['Bahnhofstrasse', 'Seeweg', 'Bergstrasse', 'Dorfplatz'])} {RNG.randrange(1, 120)}",
         "addressLine2": "", "city": city, "state": state, "country": "CH", "postalCode": postal,
         "phoneNumber": f"+41 {RNG.randrange(21, 80)} 555 {RNG.randrange(10, 99)} {RNG.randrange(10, 99)}",
         "email": f"{name.split()[0].lower()}.{n}@{mail_domain}", "website": f"https://{n}.example.com" if company else "",
         "salespersonCode": RNG.choice(["", "LB", "JM"]), "balanceDue": 0, "creditLimit": 5000 if company else 0, "taxLiable": True,
         "taxAreaId": BLANK, "taxAreaDisplayName": "", "taxRegistrationNumber": f"CHE-{RNG.randrange(100, 999)}.{RNG.randrange(100, 999)}.{RNG.randrange(100, 999)}" if company else "",
         "currencyId": BLANK, "currencyCode": "CHF", "paymentTermsId": RNG.choice(payment_terms)["id"],
         "shipmentMethodId": RNG.choice(shipment_methods)["id"], "paymentMethodId": BLANK,
         "blocked": "_x0020_" if n % 17 else "Ship", "lastModifiedDateTime": stamp()}
    customers.append(c)
    classifications.append({"id": guid(), "customerId": c["id"], "customerNumber": c["number"],
                            "customerPostingGroup": "DOMESTIC" if n % 9 else "FOREIGN", "genBusPostingGroup": "DOMESTIC" if n % 9 else "EXPORT",
                            "customerPriceGroup": "RETAIL" if not company else RNG.choice(["CLUB", "WHOLESALE"]), "lastModifiedDateTime": stamp()})


def document_lines(document_id, kind):
    lines, total = [], 0
    for k in range(RNG.randrange(1, 5)):
        item = RNG.choice(items[:190])
        qty = RNG.randrange(1, 6)
        amount = round(qty * item["unitPrice"], 2)
        total += amount
        line = {"id": guid(), "documentId": document_id, "sequence": 10000 * (k + 1), "itemId": item["id"], "accountId": BLANK,
                "lineType": "Item", "lineObjectNumber": item["number"], "description": item["displayName"], "description2": "",
                "unitOfMeasureId": item["baseUnitOfMeasureId"], "unitOfMeasureCode": item["baseUnitOfMeasureCode"], "quantity": qty,
                "unitPrice": item["unitPrice"], "discountAmount": 0, "discountPercent": 0, "discountAppliedBeforeTax": False,
                "amountExcludingTax": amount, "taxCode": "NORMAL", "taxPercent": 8.1, "totalTaxAmount": 0, "amountIncludingTax": amount,
                "invoiceDiscountAllocation": 0, "netAmount": amount, "netTaxAmount": 0, "netAmountIncludingTax": amount,
                "shipmentDate": "2026-11-20", "itemVariantId": BLANK, "locationId": locations[0]["id"]}
        if kind == "order":
            line.update({"shippedQuantity": 0, "invoicedQuantity": 0, "invoiceQuantity": qty, "shipQuantity": qty})
        lines.append(line)
    return lines, round(total, 2)


# posbridge writes a Lightspeed sale as "LS-<saleID>" (the connection's lightspeedSalePrefix); a few
# documents carry a customer's own purchase order number instead, which is not a Lightspeed sale.
CUSTOMER_PO_DOCUMENTS = {"SO-101004", "SO-101013", "PSI-103008", "PSI-103012"}


def external_document_number(number):
    sale = RNG.randrange(1000, 9999)
    return f"PO-2026-{sale}" if number in CUSTOMER_PO_DOCUMENTS else f"LS-{sale}"


def document_header(customer, number, kind):
    h = {"id": guid(), "number": number, "externalDocumentNumber": external_document_number(number), "postingDate": "2026-11-15",
         "customerId": customer["id"], "customerNumber": customer["number"], "customerName": customer["displayName"],
         "billToName": customer["displayName"], "billToCustomerId": customer["id"], "billToCustomerNumber": customer["number"],
         "shipToName": customer["displayName"], "shipToContact": "", "currencyId": BLANK, "currencyCode": "CHF",
         "paymentTermsId": customer["paymentTermsId"], "shipmentMethodId": customer["shipmentMethodId"], "salesperson": customer["salespersonCode"],
         "pricesIncludeTax": True, "discountAmount": 0, "discountAppliedBeforeTax": False, "phoneNumber": customer["phoneNumber"],
         "email": customer["email"], "shortcutDimension1Code": "", "shortcutDimension2Code": "", "lastModifiedDateTime": stamp()}
    for prefix in ["sellTo", "billTo", "shipTo"]:
        h.update({f"{prefix}AddressLine1": customer["addressLine1"], f"{prefix}AddressLine2": "", f"{prefix}City": customer["city"],
                  f"{prefix}Country": customer["country"], f"{prefix}State": customer["state"], f"{prefix}PostCode": customer["postalCode"]})
    return h


orders, order_lines, invoices, invoice_lines, shipments, shipment_lines = [], [], [], [], [], []
for n in range(20):
    h = document_header(RNG.choice(customers), f"SO-{101001 + n}", "order")
    lines, total = document_lines(h["id"], "order")
    h.update({"orderDate": "2026-11-1" + str(n % 10), "requestedDeliveryDate": "0001-01-01", "partialShipping": False,
              "totalAmountExcludingTax": total, "totalTaxAmount": 0, "totalAmountIncludingTax": total, "fullyShipped": False,
              "status": "Draft" if n % 2 else "Open"})
    orders.append(h)
    order_lines += lines
for n in range(15):
    h = document_header(RNG.choice(customers), f"PSI-{103001 + n}", "invoice")
    lines, total = document_lines(h["id"], "invoice")
    h.update({"invoiceDate": "2026-11-0" + str(1 + n % 9), "dueDate": "2026-12-01", "promisedPayDate": "0001-01-01",
              "customerPurchaseOrderReference": "", "orderId": BLANK, "orderNumber": "", "disputeStatusId": BLANK, "disputeStatus": "",
              "remainingAmount": 0 if n % 3 == 0 else total, "totalAmountExcludingTax": total, "totalTaxAmount": 0,
              "totalAmountIncludingTax": total, "status": "Paid" if n % 3 == 0 else "Open"})
    invoices.append(h)
    invoice_lines += lines
for n in range(4):
    inv = invoices[n]
    s = {k: v for k, v in inv.items() if k not in ("discountAmount", "discountAppliedBeforeTax", "totalAmountExcludingTax", "totalTaxAmount",
                                                    "totalAmountIncludingTax", "status", "remainingAmount", "disputeStatusId", "disputeStatus",
                                                    "promisedPayDate", "orderId", "currencyId", "paymentTermsId", "shipmentMethodId")}
    s.update({"id": guid(), "number": f"PSS-{102001 + n}", "paymentTermsCode": "30 DAYS", "shipmentMethodCode": "POST", "lastModifiedDateTime": stamp()})
    shipments.append(s)
    for line in [l for l in invoice_lines if l["documentId"] == inv["id"]]:
        shipment_lines.append({"id": guid(), "documentId": s["id"], "documentNo": s["number"], "sequence": line["sequence"], "lineType": "Item",
                               "lineObjectNumber": line["lineObjectNumber"], "description": line["description"], "description2": "",
                               "unitOfMeasureCode": line["unitOfMeasureCode"], "unitPrice": line["unitPrice"], "quantity": line["quantity"],
                               "discountPercent": 0, "taxPercent": 8.1, "shipmentDate": "2026-11-05"})

# Contacts (API v2.0, BC 18+): each company customer has a company contact and one contact person,
# linked by companyName/companyNumber as BC does. A separate random source keeps the data above unchanged.
CONTACT_RNG = random.Random(20261130)
contacts = []
for c in customers:
    if c["type"] != "Company":
        continue
    company_number = "CT" + c["number"][1:]
    person_number = "CT" + str(int(c["number"][1:]) + 1)
    contacts.append({"id": guid(), "number": company_number, "type": "Company", "displayName": c["displayName"], "jobTitle": "",
                     "companyNumber": company_number, "companyName": c["displayName"], "contactBusinessRelation": "Customer",
                     "addressLine1": c["addressLine1"], "addressLine2": "", "city": c["city"], "state": c["state"], "country": "CH",
                     "postalCode": c["postalCode"], "phoneNumber": c["phoneNumber"], "mobilePhoneNumber": "", "email": c["email"],
                     "website": c["website"], "searchName": c["displayName"].upper(), "privacyBlocked": False,
                     "taxRegistrationNumber": c["taxRegistrationNumber"], "lastInteractionDate": "0001-01-01", "lastModifiedDateTime": stamp()})
    person = f"{CONTACT_RNG.choice(first)} {CONTACT_RNG.choice(last)}"
    contacts.append({"id": guid(), "number": person_number, "type": "Person", "displayName": person,
                     "jobTitle": CONTACT_RNG.choice(["Einkauf", "Geschäftsführung", "Leitung Material"]),
                     "companyNumber": company_number, "companyName": c["displayName"], "contactBusinessRelation": "Customer",
                     "addressLine1": c["addressLine1"], "addressLine2": "", "city": c["city"], "state": c["state"], "country": "CH",
                     "postalCode": c["postalCode"], "phoneNumber": "", "mobilePhoneNumber": f"+41 79 555 {CONTACT_RNG.randrange(10, 99)} {CONTACT_RNG.randrange(10, 99)}",
                     "email": person.split()[0].lower() + "." + c["number"].lower() + "@example.org", "website": "",
                     "searchName": person.upper(), "privacyBlocked": False, "taxRegistrationNumber": "", "lastInteractionDate": "0001-01-01",
                     "lastModifiedDateTime": stamp()})

# Company information (API docs' companyInformation resource): one row; its currencyCode is the LCY,
# which BC also returns in `currencyCode` of records whose currency is blank. Its own random source
# keeps the data above unchanged.
INFO_RNG = random.Random(20261201)
company_information = [{"id": str(uuid.UUID(int=INFO_RNG.getrandbits(128), version=4)), "displayName": "CRONUS Outdoor AG",
                        "addressLine1": "Bahnhofstrasse 1", "addressLine2": "", "city": "Zurich", "state": "ZH", "country": "CH",
                        "postalCode": "8001", "phoneNumber": "+41 44 555 00 00", "faxNumber": "", "email": "info@example.com",
                        "website": "https://outdoor.example.com", "taxRegistrationNumber": "CHE-100.200.300", "currencyCode": "CHF",
                        "currentFiscalYearStartDate": "2026-01-01", "industry": "Retail", "lastModifiedDateTime": "2026-11-01T08:00:00Z"}]

write("companies.json", companies)
for name, rows in [("companyInformation", company_information), ("unitsOfMeasure", uoms), ("itemCategories", categories), ("locations", locations), ("paymentTerms", payment_terms),
                   ("shipmentMethods", shipment_methods), ("currencies", currencies), ("items", items), ("itemVariants", variants),
                   ("customers", customers), ("contacts", contacts), ("salesOrders", orders), ("salesOrderLines", order_lines), ("salesInvoices", invoices),
                   ("salesInvoiceLines", invoice_lines), ("salesShipments", shipments), ("salesShipmentLines", shipment_lines),
                   ("itemSyncSettings", sync_settings), ("itemAttributes", attributes), ("itemStock", stock),
                   ("customerClassifications", classifications), ("pictures", pictures)]:
    write(os.path.join(FOLDER, name + ".json"), rows)
    print(f"{name}: {len(rows)}")


# A RapidStart configuration package (reference §6.2) with the first items, their variants and the
# first customers, as a BC user would export them: gzip around UTF-16 XML with a byte order mark.
# Booleans and options are written as integers; the gzip header carries no name or time, so the
# bytes repeat.
import gzip
from xml.sax.saxutils import escape


def xml_field(name, value):
    return f"      <{name}>{escape(str(value))}</{name}>"


TYPES = {"Inventory": 0, "Service": 1, "Non-Inventory": 2, "Non_x002D_Inventory": 2}
BLOCKED = {"_x0020_": 0, " ": 0, "Ship": 1, "Invoice": 2, "All": 3}
package_items = items[:8]
package_numbers = {item["number"] for item in package_items}
parts = ['<?xml version="1.0" encoding="UTF-16" standalone="yes"?>',
         '<DataList MinCountForAsyncImport="5" LanguageID="1033" ProductVersion="W1_25.0.0.0" PackageName="posbridge demo" Code="PB.DEMO">',
         "  <ItemList>", "    <TableID>27</TableID>", "    <PageID>30</PageID>"]
for item in package_items:
    parts.append("    <Item>")
    for name, value in [("No", item["number"]), ("Description", item["displayName"]), ("Type", TYPES[item["type"]]),
                        ("BaseUnitofMeasure", item["baseUnitOfMeasureCode"]), ("ItemCategoryCode", item["itemCategoryCode"]),
                        ("UnitPrice", item["unitPrice"]), ("PriceIncludesVAT", int(item["priceIncludesTax"])),
                        ("Blocked", int(item["blocked"])), ("GTIN", item["gtin"])]:
        parts.append(xml_field(name, value))
    parts.append("    </Item>")
parts += ["  </ItemList>", "  <ItemVariantList>", "    <TableID>5401</TableID>"]
for variant in [v for v in variants if v["itemNumber"] in package_numbers]:
    parts.append("    <ItemVariant>")
    for name, value in [("ItemNo", variant["itemNumber"]), ("Code", variant["code"]), ("Description", variant["description"])]:
        parts.append(xml_field(name, value))
    parts.append("    </ItemVariant>")
parts += ["  </ItemVariantList>", "  <CustomerList>", "    <TableID>18</TableID>"]
for customer, classification in list(zip(customers, classifications))[:10]:
    parts.append("    <Customer>")
    for name, value in [("No", customer["number"]), ("Name", customer["displayName"]), ("Address", customer["addressLine1"]),
                        ("City", customer["city"]), ("County", customer["state"]), ("PostCode", customer["postalCode"]),
                        ("CountryRegionCode", customer["country"]), ("PhoneNo", customer["phoneNumber"]), ("E_Mail", customer["email"]),
                        ("ContactType", 0 if customer["type"] == "Company" else 1), ("Blocked", BLOCKED[customer["blocked"]]),
                        ("CustomerPostingGroup", classification["customerPostingGroup"]),
                        ("GenBusPostingGroup", classification["genBusPostingGroup"]),
                        ("CustomerPriceGroup", classification["customerPriceGroup"])]:
        parts.append(xml_field(name, value))
    parts.append("    </Customer>")
# General Ledger Setup (98): its "LCY Code" says the currency of prices and of customers with a blank currency.
parts += ["  </CustomerList>", "  <GeneralLedgerSetupList>", "    <TableID>98</TableID>", "    <GeneralLedgerSetup>",
          xml_field("PrimaryKey", ""), xml_field("LCYCode", "CHF"), "    </GeneralLedgerSetup>", "  </GeneralLedgerSetupList>",
          "</DataList>", ""]
package_path = os.path.join(OUT, "packages", "PB.DEMO.rapidstart")
os.makedirs(os.path.dirname(package_path), exist_ok=True)
with open(package_path, "wb") as f:
    with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as zipped:
        zipped.write("\n".join(parts).encode("utf-16"))  # "utf-16" writes the byte order mark
print(f"packages/PB.DEMO.rapidstart: {len(package_items)} items, {len(customers[:10])} customers")
