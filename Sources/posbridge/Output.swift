import PosBridgeCore

/// Results on stdout: one JSON object with `--json`, else a short line for a person.
enum Output {
    static func result(_ object: [String: JSONValue], json: Bool, text: String) {
        if json {
            print(CanonicalJSON.string(.object(object)))
        } else {
            print(text)
        }
    }
}
