import Foundation

/// `application/x-www-form-urlencoded` bodies, as token endpoints receive them.
package enum FormBody {
    /// The fields of a body: `+` is a space here, unlike in OData and Lightspeed query strings; a repeated
    /// name keeps its last value.
    package static func fields(_ body: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            out[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return out
    }
}
