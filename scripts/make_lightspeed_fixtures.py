#!/usr/bin/env python3
"""Writes the Lightspeed Retail (R-Series) emulator seed under fixtures/lightspeed/.

Python stdlib only, fixed random seed: re-running gives identical files. Derived from the BC fixture
company (fixtures/bc/outdoor) so the same SKUs appear as `customSku`, with ~10% of BC items missing,
some prices different and some items grouped in matrices. Records are stored in their natural form
(numbers, booleans, arrays in plural/singular wrappers); the emulator turns them into the quirky
all-strings wire form on output. Everything is invented; e-mails use example.com / example.org.
"""
import json
import os
import random
from datetime import datetime, timedelta, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BC = os.path.join(ROOT, "fixtures", "bc", "outdoor")
OUT = os.path.join(ROOT, "fixtures", "lightspeed")
rng = random.Random(20261129)
BASE = datetime(2026, 11, 1, 8, 0, 0, tzinfo=timezone.utc)


def ts(minutes):
    return (BASE + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def load(name):
    with open(os.path.join(BC, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def dump(name, value):
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


def money(x):
    return round(x + 1e-9, 2)


account = {"accountID": 120645, "name": "CRONUS Outdoor Shop"}
shops = [
    {"shopID": 1, "name": "Zürich Bahnhofstrasse", "timeZone": "Europe/Zurich", "serviceRate": 0, "taxLabor": False,
     "labelTitle": "shopName", "labelMsrp": False, "archived": False, "timeStamp": ts(1), "companyRegistrationNumber": "",
     "vatNumber": "CHE-123.456.789 MWST", "contactID": 0, "taxCategoryID": 1, "receiptSetupID": 1, "priceLevelID": 1},
    {"shopID": 2, "name": "Bern Marktgasse", "timeZone": "Europe/Zurich", "serviceRate": 0, "taxLabor": False,
     "labelTitle": "shopName", "labelMsrp": False, "archived": False, "timeStamp": ts(2), "companyRegistrationNumber": "",
     "vatNumber": "CHE-123.456.789 MWST", "contactID": 0, "taxCategoryID": 1, "receiptSetupID": 2, "priceLevelID": 1},
]
tax_classes = [
    {"taxClassID": 1, "name": "Item", "classType": "item", "timeStamp": ts(3)},
    {"taxClassID": 2, "name": "Reduced", "classType": "item", "timeStamp": ts(3)},
    {"taxClassID": 3, "name": "Labor", "classType": "labor", "timeStamp": ts(3)},
]
payment_types = [
    {"paymentTypeID": i + 1, "name": n, "type": t, "requireCustomer": rc, "archived": False, "internalReserved": ir,
     "refundAsPaymentTypeID": 0, "timeStamp": ts(4)}
    for i, (n, t, rc, ir) in enumerate([
        ("Cash", "cash", False, True), ("Credit Card", "credit card", False, True), ("Credit Account", "credit account", True, True),
        ("Gift Card", "gift card", False, True), ("Ecom", "ecom", False, True), ("TWINT", "user defined", False, False),
    ])
]
attribute_sets = [
    {"itemAttributeSetID": 1, "name": "Color/Size", "attributeName1": "Color", "attributeName2": "Size", "attributeName3": "",
     "system": True, "archived": False},
    {"itemAttributeSetID": 2, "name": "Size", "attributeName1": "Size", "attributeName2": "", "attributeName3": "", "system": True, "archived": False},
    {"itemAttributeSetID": 3, "name": "Color", "attributeName1": "Color", "attributeName2": "", "attributeName3": "", "system": True, "archived": False},
]
customer_types = [
    {"customerTypeID": 1, "name": "Retail", "taxCategoryID": 0, "discountID": 0},
    {"customerTypeID": 2, "name": "Club member", "taxCategoryID": 0, "discountID": 0},
    {"customerTypeID": 3, "name": "Business", "taxCategoryID": 0, "discountID": 0},
]

# Categories: a root per BC category with a "Gear" or "Clothing" parent, giving full paths and a nested set.
bc_categories = load("itemCategories")
parents = {"Gear": ["TENTS", "BAGS", "PACKS", "COOK", "LIGHT", "ACC"], "Clothing": ["JACKETS", "SHOES", "APPAREL"], "Services": ["SERVICES"]}
categories, by_code = [], {}
next_cat = 1
for pname, codes in parents.items():
    pid = next_cat
    categories.append({"categoryID": pid, "name": pname, "parentID": 0, "createTime": ts(5), "timeStamp": ts(5)})
    next_cat += 1
    for code in codes:
        bc = next(c for c in bc_categories if c["code"] == code)
        if pname == "Services":
            by_code[code] = pid
            continue
        categories.append({"categoryID": next_cat, "name": bc["displayName"], "parentID": pid, "createTime": ts(6), "timeStamp": ts(6)})
        by_code[code] = next_cat
        next_cat += 1

# Items
bc_items = load("items")
variants = load("itemVariants")
variants_of = {}
for v in variants:
    variants_of.setdefault(v["itemNumber"], []).append(v)
attrs = {}
for a in load("itemAttributes"):
    attrs.setdefault(a.get("itemNumber") or a.get("itemId"), []).append(a)
sync = {s.get("itemId"): s for s in load("itemSyncSettings")}

items, item_shops, matrices = [], [], []
next_item, next_item_shop = 1, 1
missing = []


def add_item_shops(item_id, total):
    global next_item_shop
    split = [total - total // 3, total // 3]
    rows = []
    for shop, qoh in zip((1, 2), split):
        rows.append({"itemShopID": next_item_shop, "itemID": item_id, "shopID": shop, "qoh": qoh, "sellable": qoh, "backorder": 0,
                     "componentQoh": 0, "componentBackorder": 0, "reorderPoint": 2 if qoh else 0, "reorderLevel": 5 if qoh else 0,
                     "onLayaway": 0, "onSpecialOrder": 0, "onWorkOrder": 0, "onTransferOut": 0, "onTransferIn": 0,
                     "averageCost": 0, "timeStamp": ts(100 + item_id)})
        next_item_shop += 1
    rows.append({"itemShopID": next_item_shop, "itemID": item_id, "shopID": 0, "qoh": total, "sellable": total, "backorder": 0,
                 "componentQoh": 0, "componentBackorder": 0, "reorderPoint": 0, "reorderLevel": 0, "onLayaway": 0, "onSpecialOrder": 0,
                 "onWorkOrder": 0, "onTransferOut": 0, "onTransferIn": 0, "averageCost": 0, "timeStamp": ts(100 + item_id)})
    next_item_shop += 1
    item_shops.extend(rows)


def make_item(bc, sku, description, price, ean, matrix_id=0, attributes=None):
    global next_item
    iid = next_item
    next_item += 1
    item_type = {"Inventory": "default", "Service": "non_inventory"}.get(bc["type"], "non_inventory")
    online = money(price * 0.95) if iid % 7 == 0 else price
    prices = [{"amount": price, "useTypeID": 1, "useType": "Default"}, {"amount": money(price * 1.1), "useTypeID": 2, "useType": "MSRP"},
              {"amount": online, "useTypeID": 3, "useType": "Online"}]
    s = sync.get(bc["id"], {})
    item = {
        "itemID": iid, "systemSku": "2100000%05d" % iid, "customSku": sku, "manufacturerSku": "", "upc": "", "ean": ean,
        "description": description, "defaultCost": bc.get("unitCost", 0), "avgCost": bc.get("unitCost", 0), "discountable": True,
        "tax": True, "archived": False, "itemType": item_type, "serialized": False, "modelYear": 0, "publishToEcom": bool(s.get("publishToEcom", False)),
        "createTime": ts(10 + iid), "timeStamp": ts(200 + iid), "categoryID": by_code.get(bc["itemCategoryCode"], 0), "taxClassID": 1,
        "departmentID": 0, "itemMatrixID": matrix_id, "manufacturerID": 0, "seasonID": 0, "defaultVendorID": 0,
        "Prices": {"ItemPrice": prices},
        "ItemECommerce": {"longDescription": s.get("longDescription", ""), "shortDescription": "", "weight": 0, "width": 0, "height": 0,
                          "length": 0, "listOnStore": False},
        "CustomFieldValues": {"CustomFieldValue": []},
    }
    if attributes:
        item["ItemAttributes"] = attributes
    items.append(item)
    add_item_shops(iid, max(0, int(bc.get("inventory", 0) or 0)) if item_type == "default" else 0)
    return item


matrix_budget = 6
LIGHTSPEED_ONLY = [("LS-9001", "Geschenkverpackung", 4.5, "Non-Inventory"), ("LS-9002", "Skiservice komplett", 49.0, "Service"),
                   ("LS-9003", "Gutscheinkarte Design", 0.0, "Non-Inventory")]
for n, bc in enumerate(bc_items):
    if n % 10 == 7:
        missing.append(bc["number"])
        continue
    price = bc["unitPrice"]
    if n % 9 == 4:
        price = money(price * 1.05 + 1)  # a different price than BC
    vs = variants_of.get(bc["number"], [])
    if vs and matrix_budget > 0:
        matrix_budget -= 1
        mid = len(matrices) + 1
        colors, sizes = [], []
        for v in vs[:5]:
            c, _, sz = v["code"].partition("-")
            colors.append(c) if c not in colors else None
            sizes.append(sz) if sz not in sizes else None
        matrix = {"itemMatrixID": mid, "description": bc["displayName"], "tax": True, "defaultCost": bc.get("unitCost", 0),
                  "itemType": "default", "serialized": False, "modelYear": 0, "archived": False, "timeStamp": ts(150 + mid),
                  "itemAttributeSetID": 1, "manufacturerID": 0, "categoryID": by_code.get(bc["itemCategoryCode"], 0), "defaultVendorID": 0,
                  "taxClassID": 1, "seasonID": 0, "departmentID": 0, "attribute1Values": colors, "attribute2Values": sizes, "attribute3Values": [],
                  "Prices": {"ItemPrice": [{"amount": price, "useTypeID": 1, "useType": "Default"}]}}
        matrices.append(matrix)
        for v in vs[:5]:
            c, _, sz = v["code"].partition("-")
            ean = "76%011d" % (rng.randrange(10**10, 10**11))
            make_item(bc, "%s/%s" % (bc["number"], v["code"]), "%s %s %s" % (bc["displayName"], c, sz), price, ean, mid,
                      {"itemAttributeSetID": 1, "attribute1": c, "attribute2": sz, "attribute3": ""})
        continue
    if vs or len(items) >= 150 - len(LIGHTSPEED_ONLY):
        # An item with variants past the matrix budget is not in Lightspeed at all (the run
        # creates its matrix): as a single item it could never become one.
        missing.append(bc["number"])
        continue
    make_item(bc, bc["number"], bc["displayName"], price, bc.get("gtin", ""))

# Products only Lightspeed has (the run reports them as missing, never deletes them).
for sku, description, price, kind in LIGHTSPEED_ONLY:
    make_item({"type": kind, "unitCost": 0, "itemCategoryCode": "", "id": sku, "inventory": 0}, sku, description, price, "")

# Customers: 60, every third a company; two pairs share an e-mail that differs only in case.
first = ["Anna", "Beat", "Claudia", "Daniel", "Eva", "Fabian", "Gabriela", "Hans", "Irene", "Jonas", "Karin", "Lukas", "Monika", "Nico", "Olivia"]
last = ["Meier", "Keller", "Brunner", "Frei", "Baumann", "Graf", "Huber", "Moser", "Steiner", "Widmer", "Zürcher", "Gerber"]
firms = ["Bergsport", "Alpin Team", "Hüttenbedarf", "Wanderfreunde", "Gipfel Reisen", "Schneesport", "Trail Club", "Zeltplatz"]
cities = [("Zürich", "8001", "ZH"), ("Bern", "3011", "BE"), ("Basel", "4051", "BS"), ("Luzern", "6003", "LU"), ("St. Gallen", "9000", "SG")]
customers = []
for i in range(60):
    cid = i + 1
    company = i % 3 == 0
    fn, ln = first[i % len(first)], last[(i * 5) % len(last)]
    firm = "%s %s AG" % (firms[i % len(firms)], ln) if company else ""
    email = ("info@%s.example.com" % firms[i % len(firms)].lower().replace(" ", "-").replace("ü", "ue")) if company else \
        "%s.%s%d@example.org" % (fn.lower(), ln.lower().replace("ü", "ue"), cid)
    if cid == 12:
        email = customers[4]["Contact"]["Emails"]["ContactEmail"][0]["address"].upper()  # same address as customer 5, other case
    if cid == 40:
        email = "Hans.Moser@Example.org"
    if cid == 41:
        email = "hans.moser@example.org"
    city, zip_, state = cities[i % len(cities)]
    phones = [{"number": "+41 44 555 %02d %02d" % (i, (i * 7) % 100), "useType": "Work" if company else "Home"}]
    if i % 4 == 1:
        phones.append({"number": "+41 79 555 %02d %02d" % (i, (i * 3) % 100), "useType": "Mobile"})
    if i % 10 == 9:
        phones = []
    emails = [{"address": email, "useType": "Primary"}]
    if i % 6 == 2:
        emails.append({"address": "%s.%s.alt@example.com" % (fn.lower(), cid), "useType": "Secondary"})
    addresses = [] if i % 15 == 14 else [{"address1": "%s %d" % (["Bahnhofstrasse", "Marktgasse", "Seeweg", "Bergstrasse"][i % 4], 1 + i),
                                           "address2": "", "city": city, "state": state, "stateCode": state, "zip": zip_,
                                           "country": "Switzerland", "countryCode": "CH"}]
    customers.append({
        "customerID": cid, "firstName": "" if company else fn, "lastName": "" if company else ln, "title": "", "company": firm,
        "companyRegistrationNumber": "CHE-%03d.%03d.%03d" % (100 + i, 200 + i, 300 + i) if company else "", "vatNumber": "",
        "dob": "", "createTime": ts(300 + cid), "timeStamp": ts(400 + cid), "archived": False, "creditAccountID": 0,
        "customerTypeID": 3 if company else (2 if i % 5 == 0 else 1), "discountID": 0, "taxCategoryID": 0, "contactID": cid,
        "Contact": {"contactID": cid, "custom": "", "noEmail": False, "noPhone": False, "noMail": False, "timeStamp": ts(400 + cid),
                    "Addresses": {"ContactAddress": addresses}, "Phones": {"ContactPhone": phones}, "Emails": {"ContactEmail": emails},
                    "Websites": {"ContactWebsite": []}},
    })

# Sales: 40 completed. Sale 1 is a walk-in (customerID 0), sale 2 a multi-payment sale, sale 5 refunds sale 4's one line.
sales, sale_lines, sale_payments = [], [], []
sellable = [it for it in items if it["itemType"] == "default"]
next_line, next_payment = 1, 1
for s in range(40):
    sid = s + 1
    refund = sid == 5
    customer = 0 if sid == 1 or sid % 11 == 0 else 1 + (s * 7) % 60
    shop = 1 if s % 3 else 2
    nlines = 1 if sid in (1, 4, 5) or s % 5 == 0 else 2 + s % 3
    lines, subtotal = [], 0.0
    for k in range(nlines):
        item = sellable[(s * 13 + k * 5) % len(sellable)] if not refund else next(it for it in items if it["itemID"] == sale_lines[-1]["itemID"])
        qty = -1 if refund else 1 + (s + k) % 3
        unit = item["Prices"]["ItemPrice"][0]["amount"]
        total = money(unit * qty)
        subtotal += total
        lines.append({"saleLineID": next_line, "saleID": sid, "itemID": item["itemID"], "unitQuantity": qty, "unitPrice": unit,
                      "normalUnitPrice": unit, "discountAmount": 0, "discountPercent": 0, "avgCost": item["defaultCost"], "fifoCost": item["defaultCost"],
                      "tax": True, "tax1Rate": 0.081, "tax2Rate": 0, "isLayaway": False, "isWorkorder": False, "isSpecialOrder": False,
                      "calcLineDiscount": 0, "calcTransactionDiscount": 0, "calcSubtotal": total, "calcTax1": round(total * 0.081 / 1.081, 5),
                      "calcTax2": 0, "calcTotal": total, "taxClassID": 1, "customerID": customer, "discountID": 0, "employeeID": 1,
                      "noteID": 0, "parentSaleLineID": 0, "shopID": shop, "taxCategoryID": 1, "createTime": ts(2000 + sid * 60),
                      "timeStamp": ts(2000 + sid * 60 + 1)})
        if refund:
            lines[-1]["parentSaleLineID"] = sale_lines[-1]["saleLineID"]  # the line of sale 4 being refunded
        next_line += 1
    subtotal = money(subtotal)
    complete = ts(2000 + sid * 60 + 2)
    pays = [(2 if s % 2 else 1, subtotal)]
    if sid == 2:
        pays = [(6, money(subtotal - 50)), (1, 50)] if subtotal > 60 else [(6, money(subtotal / 2)), (1, money(subtotal - money(subtotal / 2)))]
    for ptype, amount in pays:
        sale_payments.append({"salePaymentID": next_payment, "saleID": sid, "amount": amount, "tipAmount": 0, "createTime": complete,
                              "archived": False, "remoteReference": "", "paymentID": 0, "paymentTypeID": ptype, "ccChargeID": 0,
                              "refPaymentID": 0, "registerID": shop, "employeeID": 1, "creditAccountID": 0, "timeStamp": complete})
        next_payment += 1
    tax = round(sum(l["calcTax1"] for l in lines), 5)
    sales.append({"saleID": sid, "timeStamp": complete, "createTime": ts(2000 + sid * 60), "updatetime": complete, "completeTime": complete,
                  "completed": True, "archived": False, "voided": False, "enablePromotions": False, "isTaxInclusive": True,
                  "referenceNumber": "", "referenceNumberSource": "", "receiptPreference": "printed", "ticketNumber": "2200000%05d" % sid,
                  "tax1Rate": 0.081, "tax2Rate": 0, "change": 0, "tipEnabled": False, "calcDiscount": 0, "calcTotal": subtotal,
                  "calcSubtotal": subtotal, "calcTaxable": subtotal, "calcNonTaxable": 0, "calcTax1": tax, "calcTax2": 0,
                  "calcPayments": subtotal, "calcTips": 0, "total": subtotal, "totalDue": subtotal, "balance": 0, "taxTotal": tax,
                  "customerID": customer, "discountID": 0, "employeeID": 1, "tipEmployeeID": 0, "quoteID": 0, "registerID": shop,
                  "shipToID": 0, "shopID": shop, "taxCategoryID": 1})
    sale_lines.extend(lines)

os.makedirs(OUT, exist_ok=True)
dump("Account", [account])
dump("Shop", shops)
dump("TaxClass", tax_classes)
dump("PaymentType", payment_types)
dump("ItemAttributeSet", attribute_sets)
dump("CustomerType", customer_types)
dump("Category", categories)
dump("ItemMatrix", matrices)
dump("Item", items)
dump("ItemShop", item_shops)
dump("Customer", customers)
dump("Sale", sales)
dump("SaleLine", sale_lines)
dump("SalePayment", sale_payments)
print("items %d (matrices %d), missing BC items %d, customers %d, sales %d, lines %d, payments %d" % (len(items), len(matrices), len(missing), len(customers), len(sales), len(sale_lines), len(sale_payments)))
