import PosBridgeCore

extension SnapshotLine {
    /// Writes the canonical line of a record line given in any member order and spacing (`ref`
    /// optional) into `line`, bytes to bytes through `encoder`. False when the line is not a valid
    /// record line: `decode` then says what is wrong. The result equals `encode(decode(text))`.
    static func reencode(_ text: UnsafeBufferPointer<UInt8>, with encoder: inout CanonicalReencoder, into line: inout [UInt8]) -> Bool {
        guard encoder.encode(text), (2...3).contains(encoder.members.count),
              let key = encoder.member(named: Array("key".utf8)), encoder.output[key.value.lowerBound] == UInt8(ascii: "\""),
              let fields = encoder.member(named: Array("fields".utf8)), encoder.output[fields.value.lowerBound] == UInt8(ascii: "{")
        else { return false }
        let ref = encoder.member(named: Array("ref".utf8))
        if let ref, encoder.output[ref.value.lowerBound] != UInt8(ascii: "{") { return false }
        guard encoder.members.count == (ref == nil ? 2 : 3) else { return false }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: #"{"key":"#.utf8)
        line.append(contentsOf: encoder.output[key.value])
        line.append(contentsOf: #","ref":"#.utf8)
        if let ref { line.append(contentsOf: encoder.output[ref.value]) } else { line.append(contentsOf: "{}".utf8) }
        line.append(contentsOf: #","fields":"#.utf8)
        line.append(contentsOf: encoder.output[fields.value])
        line.append(UInt8(ascii: "}"))
        return true
    }
}
