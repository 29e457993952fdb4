#!/usr/bin/env python3
"""Generates the benchmark snapshots for bench/run.py.

    python3 bench/generate.py OUTDIR [--records 1000000] [--seed 42] [--check]

Writes, into OUTDIR:
  old.ndjson       N canonical product records, sorted by key (SKU-0000001 ... zero-padded, so the
                   byte order of the keys is their numeric order), about 250 bytes a line
  new.ndjson       the next night: 1 % of the records updated (one or two fields), 0.1 % created
                   (keys such as SKU-0001234a, interleaved in sorted order), 0.1 % missing, and 0.1 %
                   with only their ref changed (which a diff must count as unchanged)
  shuffled.ndjson  the lines of new.ndjson in random order (input of the sort benchmark)
  *.loose.ndjson   the same three files as valid NDJSON out of the canonical envelope (fields first,
                   no ref), as another tool's export looks: the diff and sort of non-canonical input
  expected.json    what the generator did: the counts a diff of old -> new must report

Both snapshots are written in one sorted pass; lines are built with f-strings from pre-rendered
canonical pieces (no json.dumps per line). --check re-reads the output and verifies that every line
is canonical, that the keys are sorted and unique, and that a key-by-key comparison finds exactly
the expected counts (slow: a few times the generation time). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import mmap
import os
import random
import sys
import time
import unicodedata
from array import array
from decimal import Decimal

UPDATE_RATE = 0.01
CREATE_RATE = 0.001
MISSING_RATE = 0.001
REF_ONLY_RATE = 0.001
CHUNK = 8192  # records per write

CATEGORIES = [
    "Outdoor/Jackets", "Outdoor/Tents", "Outdoor/Backpacks", "Outdoor/Sleeping Bags", "Outdoor/Sleeping Mats",
    "Outdoor/Lighting", "Footwear/Hiking Boots", "Footwear/Sandals", "Footwear/Trail Running",
    "Apparel/Shirts", "Apparel/Trousers", "Apparel/Headwear", "Apparel/Socks", "Apparel/Gloves",
    "Accessories/Bottles", "Accessories/Kitchen", "Accessories/Stoves", "Accessories/Care",
    "Accessories/Gifts", "Climbing/Ropes", "Climbing/Hardware", "Climbing/Harnesses", "Food/Snacks",
    "Food/Drinks", "Winter/Skis", "Winter/Snowshoes", "Water/Kayaks", "Water/Paddles", "Bikes/Bags",
    "Bikes/Lights", "Services/Repairs", "Gift Cards",
]
BASE_NAMES = [
    "Wanderjacke", "Softshell-Weste", "Regenhose", "Trekkinghose Zip-Off", "Funktionsshirt Merino",
    "Ærøskøbing Mütze", "Tuque d'hiver", "Kšiltovka Horal", "Wollsocken Merino", "Bergstiefel wasserdicht",
    "Trekkingsandale Łódź", "Zelt Kuppel 2P", "Schlafsack Daunen −5 °C", "Søvnpose Komfort",
    "Isomatte 5 cm", "Rucksack Gipfelstürmer 30 l", "Stirnlampe 300 lm", "Trinkflasche 1 l",
    'Thermobecher "Alpin" 0,5 l', "Crème brûlée Becher", "Salz & Pfeffer Streuer", "Spork Titan",
    "Gaskartusche 230 g", "Kletterseil 9,8 mm × 60 m", "Karabiner HMS", "Čokoláda hořká 70 %",
    "Müsliriegel Nuss & Honig", "Kaffee „Gipfelglück“ 250 g", "Chaqueta impermeable", "Mikina s kapucí",
    "Schneeschuh Tour", "Paddel Carbon 220 cm",
]
SUFFIXES = ["Größe S", "Größe M", "Größe L", "Größe XL", "schwarz", "rot", "blau", "oliv"]
TYPES = ["simple"] * 6 + ["service", "nonInventory"]
USERS = ["svc-bc-sync", "svc-import", "pos-01", "pos-02", "pos-07", "webshop", "buyer-outdoor",
         "buyer-apparel", "svc-price-rules", "svc-bc-sync", "svc-bc-sync", "svc-import", "pos-03",
         "pos-04", "svc-stocktake", "svc-bc-sync"]


def canon_decimal(units: int, scale: int) -> str:
    q, r = divmod(abs(units), 10**scale)
    frac = f"{r:0{scale}d}".rstrip("0")
    if q == 0 and not frac:
        return "0"
    sign = "-" if units < 0 else ""
    return f"{sign}{q}.{frac}" if frac else f"{sign}{q}"


def json_string_body(text: str) -> str:
    """The canonical JSON string literal without its quotes (NFC, minimal escaping)."""
    return json.dumps(unicodedata.normalize("NFC", text), ensure_ascii=False)[1:-1]


# Pre-rendered canonical pieces (string bodies already escaped; numbers already canonical).
NAMES = [json_string_body(f"{b} {s}") for b in BASE_NAMES for s in SUFFIXES]  # 256
CATS = [json_string_body(c) for c in CATEGORIES]  # 32
PRICES = [canon_decimal(c, 2) for c in (((k * 37) % 4000 + 1) * 10 - 1 - (k % 3) * 4 for k in range(4096))]
WEIGHTS = ["null"] * 64 + [canon_decimal(g, 3) for g in (((k * 53) % 12000) + 5 for k in range(960))]  # 1024
BOOLS = ["false", "true"]

_PAIR = {f"{d:02d}": (d // 10) + 3 * (d % 10) for d in range(100)}


def ean13(number: int) -> str:
    """A valid EAN-13 in the in-store range (prefix 2), unique per number < 10^11."""
    s = f"2{number:011d}"
    p = _PAIR
    total = p[s[0:2]] + p[s[2:4]] + p[s[4:6]] + p[s[6:8]] + p[s[8:10]] + p[s[10:12]]
    return s + str((10 - total % 10) % 10)


def uid(r: int) -> str:
    h = f"{r:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def line_of(key: str, ref: str, f: list) -> str:
    return (f'{{"key":"{key}","ref":{{"id":"{ref}"}},"fields":{{"category":"{f[0]}","ean":"{f[1]}",'
            f'"name":"{f[2]}","price":{f[3]},"priceIncludesTax":{f[4]},"published":{f[5]},"qty":{f[6]},'
            f'"type":"{f[7]}","updatedBy":"{f[8]}","weightKg":{f[9]}}}}}\n')


def fields_of(r: int, ean: str) -> list:
    return [CATS[r & 31], ean, NAMES[(r >> 5) & 255], PRICES[(r >> 13) & 4095], BOOLS[(r >> 25) & 1],
            BOOLS[((r >> 26) & 7) != 0], (r >> 29) & 1023, TYPES[(r >> 39) & 7], USERS[(r >> 42) & 15],
            WEIGHTS[(r >> 46) & 1023]]


# Field slots an update may change, with a function giving a different value.
def _other(table: list, current: str, rng: random.Random) -> str:
    while True:
        value = table[rng.randrange(len(table))]
        if value != current:
            return value


UPDATABLE = [
    (0, lambda v, rng: _other(CATS, v, rng)),
    (2, lambda v, rng: _other(NAMES, v, rng)),
    (3, lambda v, rng: _other(PRICES, v, rng)),
    (3, lambda v, rng: _other(PRICES, v, rng)),  # price changes twice as often
    (4, lambda v, rng: "false" if v == "true" else "true"),
    (5, lambda v, rng: "false" if v == "true" else "true"),
    (6, lambda v, rng: v + rng.randint(1, 40) if rng.random() < 0.7 or v == 0 else max(0, v - rng.randint(1, v))),
    (6, lambda v, rng: v + rng.randint(1, 40)),
    (8, lambda v, rng: _other(USERS, v, rng)),
    (9, lambda v, rng: _other(WEIGHTS, v, rng)),
]


def generate(out_dir: str, n: int, seed: int) -> dict:
    rng = random.Random(seed)
    width = max(7, len(str(n)))
    n_update = round(n * UPDATE_RATE)
    n_missing = round(n * MISSING_RATE)
    n_ref = round(n * REF_ONLY_RATE)
    n_create = round(n * CREATE_RATE)
    # 0 = same, 1 = updated, 2 = missing, 3 = ref only; created[i] = a new key follows old key i.
    kind = bytearray(n)
    chosen = rng.sample(range(n), n_update + n_missing + n_ref)
    for i in chosen[:n_update]:
        kind[i] = 1
    for i in chosen[n_update:n_update + n_missing]:
        kind[i] = 2
    for i in chosen[n_update + n_missing:]:
        kind[i] = 3
    created = bytearray(n)
    for i in rng.sample(range(n), n_create):
        created[i] = 1

    getrandbits = rng.getrandbits
    old_path = os.path.join(out_dir, "old.ndjson")
    new_path = os.path.join(out_dir, "new.ndjson")
    n_old = n_new = 0
    changed_fields = 0
    with open(old_path, "w", encoding="utf-8", newline="\n", buffering=1 << 22) as old_f, \
            open(new_path, "w", encoding="utf-8", newline="\n", buffering=1 << 22) as new_f:
        old_parts: list[str] = []
        new_parts: list[str] = []
        for i in range(n):
            r = getrandbits(128)
            key = f"SKU-{i + 1:0{width}d}"
            ean = ean13(i + 1)
            line = (f'{{"key":"{key}","ref":{{"id":"{uid(r)}"}},"fields":{{"category":"{CATS[r & 31]}",'
                    f'"ean":"{ean}","name":"{NAMES[(r >> 5) & 255]}","price":{PRICES[(r >> 13) & 4095]},'
                    f'"priceIncludesTax":{BOOLS[(r >> 25) & 1]},"published":{BOOLS[((r >> 26) & 7) != 0]},'
                    f'"qty":{(r >> 29) & 1023},"type":"{TYPES[(r >> 39) & 7]}","updatedBy":"{USERS[(r >> 42) & 15]}",'
                    f'"weightKg":{WEIGHTS[(r >> 46) & 1023]}}}}}\n')
            old_parts.append(line)
            k = kind[i]
            if k == 0:
                new_parts.append(line)
            elif k == 1:
                fields = fields_of(r, ean)
                slots = rng.sample(UPDATABLE, 1 if rng.random() < 0.6 else 2)
                if len(slots) == 2 and slots[0][0] == slots[1][0]:
                    slots = slots[:1]
                for slot, change in slots:
                    fields[slot] = change(fields[slot], rng)
                changed_fields += len(slots)
                new_parts.append(line_of(key, uid(r), fields))
            elif k == 3:
                new_parts.append(line_of(key, uid(getrandbits(128)), fields_of(r, ean)))
            # k == 2: missing from new
            if created[i]:
                r2 = getrandbits(128)
                new_key = f"{key}a"
                new_parts.append(line_of(new_key, uid(r2), fields_of(r2, ean13(n + 1 + i))))
            if len(old_parts) >= CHUNK:
                n_old += len(old_parts)
                n_new += len(new_parts)
                old_f.write("".join(old_parts))
                new_f.write("".join(new_parts))
                old_parts.clear()
                new_parts.clear()
        n_old += len(old_parts)
        n_new += len(new_parts)
        old_f.write("".join(old_parts))
        new_f.write("".join(new_parts))

    n_shuffled = write_shuffled(new_path, os.path.join(out_dir, "shuffled.ndjson"), rng)
    assert n_shuffled == n_new
    for name in ("old", "new", "shuffled"):
        write_loose(os.path.join(out_dir, f"{name}.ndjson"), os.path.join(out_dir, f"{name}.loose.ndjson"))
    return {
        "generator": "bench/generate.py",
        "seed": seed,
        "records": {"old": n_old, "new": n_new, "shuffled": n_shuffled},
        "counts": {"create": n_create, "update": n_update, "missing": n_missing,
                   "unchanged": n - n_update - n_missing},
        "refOnlyChanges": n_ref,
        "changedFields": changed_fields,
        "bytes": {name: os.path.getsize(os.path.join(out_dir, name))
                  for name in ("old.ndjson", "new.ndjson", "shuffled.ndjson", "old.loose.ndjson",
                               "new.loose.ndjson", "shuffled.loose.ndjson")},
    }


def write_loose(src: str, dst: str) -> None:
    """Writes the records of src as valid NDJSON out of the canonical envelope, the way another
    tool's export or a hand-made file looks: `{"fields":…,"key":…}`, fields first and no `ref`."""
    with open(src, "rb") as f, open(dst, "wb") as out:
        parts = []
        for line in f:
            ref_at = line.index(b',"ref":')
            fields_at = line.index(b',"fields":', ref_at)
            parts.append(b'{"fields":' + line[fields_at + 10:-2] + b',"key":' + line[7:ref_at] + b"}\n")
            if len(parts) >= CHUNK:
                out.write(b"".join(parts))
                parts.clear()
        out.write(b"".join(parts))


def write_shuffled(src: str, dst: str, rng: random.Random) -> int:
    """Writes the lines of src in random order, without holding them as Python objects."""
    with open(src, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            open(dst, "wb").close()
            return 0
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            starts = array("Q", [0])
            find = mm.find
            pos = find(b"\n")
            while pos != -1 and pos + 1 < size:
                starts.append(pos + 1)
                pos = find(b"\n", pos + 1)
            starts.append(size)
            count = len(starts) - 1
            order = list(range(count))
            rng.shuffle(order)
            with open(dst, "wb", buffering=1 << 22) as out:
                parts = []
                for j in order:
                    parts.append(mm[starts[j]:starts[j + 1]])
                    if len(parts) >= CHUNK:
                        out.write(b"".join(parts))
                        parts.clear()
                out.write(b"".join(parts))
    return count


# ----------------------------------------------------------------------------------------------
# --check: an independent canonical-form and diff check
# ----------------------------------------------------------------------------------------------


def canonical_number(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "0") or Decimal(text) == 0 else text


def canonical(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Decimal):
        return canonical_number(value)
    if isinstance(value, str):
        return json.dumps(unicodedata.normalize("NFC", value), ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted(((unicodedata.normalize("NFC", k), v) for k, v in value.items()), key=lambda kv: kv[0].encode())
        return "{" + ",".join(canonical(k) + ":" + canonical(v) for k, v in items) + "}"
    raise TypeError(type(value))


def read_checked(path: str) -> dict:
    records = {}
    previous = None
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            assert raw.endswith(b"\n"), f"{path}:{number}: no LF"
            text = raw[:-1].decode("utf-8")
            obj = json.loads(text, parse_float=Decimal, parse_int=Decimal)
            assert list(obj) == ["key", "ref", "fields"], f"{path}:{number}: envelope order"
            line = f'{{"key":{canonical(obj["key"])},"ref":{canonical(obj["ref"])},"fields":{canonical(obj["fields"])}}}'
            assert line == text, f"{path}:{number}: not canonical:\n  {text}\n  {line}"
            key = obj["key"].encode()
            assert previous is None or previous < key, f"{path}:{number}: key order"
            previous = key
            records[obj["key"]] = text[text.index(',"fields":'):]
    return records


def check(out_dir: str, expected: dict) -> None:
    old = read_checked(os.path.join(out_dir, "old.ndjson"))
    new = read_checked(os.path.join(out_dir, "new.ndjson"))
    counts = {"create": sum(1 for k in new if k not in old), "missing": sum(1 for k in old if k not in new)}
    counts["update"] = sum(1 for k, v in old.items() if k in new and new[k] != v)
    counts["unchanged"] = sum(1 for k, v in old.items() if k in new and new[k] == v)
    assert counts == expected["counts"], (counts, expected["counts"])
    with open(os.path.join(out_dir, "new.ndjson"), "rb") as a, open(os.path.join(out_dir, "shuffled.ndjson"), "rb") as b:
        assert sorted(a) == sorted(b), "shuffled.ndjson is not a permutation of new.ndjson"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Generate benchmark snapshots (see the module docstring).")
    parser.add_argument("outdir")
    parser.add_argument("--records", type=int, default=1_000_000, help="records in old.ndjson (default 1000000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--check", action="store_true", help="verify the output afterwards (slow)")
    args = parser.parse_args(argv)
    if args.records < 1:
        parser.error("--records must be at least 1")
    os.makedirs(args.outdir, exist_ok=True)
    started = time.perf_counter()
    expected = generate(args.outdir, args.records, args.seed)
    elapsed = time.perf_counter() - started
    with open(os.path.join(args.outdir, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(expected, indent=2, sort_keys=True) + "\n")
    c = expected["counts"]
    mib = sum(expected["bytes"].values()) / 2**20
    print(f"{args.outdir}: old {expected['records']['old']} records, new {expected['records']['new']} records; "
          f"updated {c['update']}, created {c['create']}, missing {c['missing']}, unchanged {c['unchanged']} "
          f"(of which ref-only changes {expected['refOnlyChanges']}); {mib:.1f} MiB in {elapsed:.1f} s")
    if args.check:
        started = time.perf_counter()
        check(args.outdir, expected)
        print(f"check OK ({time.perf_counter() - started:.1f} s): canonical lines, sorted unique keys, counts match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
