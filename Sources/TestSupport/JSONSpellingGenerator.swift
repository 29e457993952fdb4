/// Writes random JSON documents in random but valid spellings — member order, white space,
/// `\u` and short escapes, number forms (`1.50`, `15e-1`, `-0`), decomposed accents, deep and
/// empty containers — and now and then a defect (a duplicate member, a lone surrogate, a trailing
/// comma, invalid UTF-8), so that fast paths can be compared with the strict parser and the
/// canonical writer. Deterministic for a seed.
package struct JSONSpellingGenerator {
    private var state: UInt64

    private var onOneLine = false

    package init(seed: UInt64) { state = seed }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// One document: an object most of the time, sometimes another value; about 5 % carry a defect.
    package mutating func document() -> [UInt8] {
        var out: [UInt8] = []
        if chance(90) { object(into: &out, depth: 0) } else { value(into: &out, depth: 0) }
        if chance(5) { spliceDefect(into: &out) }
        return out
    }

    /// A record line as a connector's export or another tool might write it: `key`, `fields` and
    /// sometimes `ref`, in any order and spelling.
    package mutating func recordLine(key: String) -> [UInt8] {
        onOneLine = true
        defer { onOneLine = false }
        var members: [[UInt8]] = []
        var keyMember = Array(#""key":"#.utf8)
        string(key, into: &keyMember)
        members.append(keyMember)
        var fields = Array(#""fields":"#.utf8)
        object(into: &fields, depth: 1)
        members.append(fields)
        if chance(50) {
            var ref = Array(#""ref":"#.utf8)
            object(into: &ref, depth: 2)
            members.append(ref)
        }
        shuffle(&members)
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, member) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")); space(into: &out) }
            out.append(contentsOf: member)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static let names = ["a", "b", "name", "price", "ean", "Name", "é", "e\u{301}", "z", "qty", "a\"b", "tab\t", "ü", "ß", "价格"]
    private static let texts = ["", "Plain", "Caf\u{e9}", "Cafe\u{301}", "„Größe“ – 5 €", "line\nbreak", "quote\"back\\slash",
                                "\u{1}\u{1f}", "emoji 😀", "价格", "Å", "A\u{30A}", "/slash", "\u{7f}"]
    private static let numbers = ["0", "-0", "1", "-1", "1.5", "1.50", "15e-1", "0.15E1", "100", "1e2", "123456789012345678901234567890",
                                  "-0.000001", "1E-6", "0.0", "2.50000", "9007199254740993", "1e-7", "-12.34e+1"]

    private mutating func value(into out: inout [UInt8], depth: Int) {
        switch depth > 6 ? below(4) : below(7) {
        case 0: out.append(contentsOf: ["null", "true", "false"][below(3)].utf8)
        case 1: out.append(contentsOf: Self.numbers[below(Self.numbers.count)].utf8)
        case 2, 3: string(Self.texts[below(Self.texts.count)], into: &out)
        case 4: object(into: &out, depth: depth + 1)
        case 5: array(into: &out, depth: depth + 1)
        default: object(into: &out, depth: depth + 1)
        }
    }

    private mutating func object(into out: inout [UInt8], depth: Int) {
        var names = Self.names
        shuffle(&names)
        let count = depth > 6 ? 0 : below(6)
        out.append(UInt8(ascii: "{"))
        space(into: &out)
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")); space(into: &out) }
            string(names[index], into: &out)
            space(into: &out)
            out.append(UInt8(ascii: ":"))
            space(into: &out)
            value(into: &out, depth: depth)
            space(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private mutating func array(into out: inout [UInt8], depth: Int) {
        out.append(UInt8(ascii: "["))
        for index in 0..<(depth > 6 ? 0 : below(4)) {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            space(into: &out)
            value(into: &out, depth: depth)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A string literal, each character written plainly or escaped at random.
    private mutating func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            let plain = scalar != "\"" && scalar != "\\" && scalar.value >= 0x20
            if plain, !chance(15) {
                out.append(contentsOf: String(scalar).utf8)
            } else if chance(50), let short = Self.shortEscapes[scalar] {
                out.append(contentsOf: short.utf8)
            } else {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    let padded = String(repeating: "0", count: 4 - hex.count) + hex
                    out.append(contentsOf: ("\\u" + (chance(50) ? padded : padded.uppercased())).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let shortEscapes: [Unicode.Scalar: String] = [
        "\"": #"\""#, "\\": #"\\"#, "/": #"\/"#, "\n": #"\n"#, "\t": #"\t"#, "\r": #"\r"#, "\u{8}": #"\b"#, "\u{c}": #"\f"#,
    ]

    private mutating func space(into out: inout [UInt8]) {
        guard chance(30) else { return }
        // A record line is one line: its white space never holds a line break.
        let bytes: [UInt8] = onOneLine ? [0x20, 0x09] : [0x20, 0x09, 0x0A, 0x0D]
        for _ in 0..<(1 + below(2)) { out.append(bytes[below(bytes.count)]) }
    }

    private mutating func spliceDefect(into out: inout [UInt8]) {
        guard out.count > 2 else { return }
        let defects: [[UInt8]] = [Array(#","a":1,"a":2"#.utf8), Array(#","x":"\ud800""#.utf8), [UInt8(ascii: ",")],
                                  Array(#","y":"#.utf8) + [0x22, 0xC3, 0x28, 0x22], Array(#","z":01"#.utf8)]
        let defect = defects[below(defects.count)]
        if out.last == UInt8(ascii: "}") { out.insert(contentsOf: defect, at: out.count - 1) } else { out.append(contentsOf: defect) }
    }

    private mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(index, below(index + 1)) }
    }
}
